package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackHandoffTest {
  @Test
  void specialistAnswersTheOrchestratorsHandoffAndTheToolRunsOnTheWorker() {
    Desk.Ledger ledger = new Desk.Ledger();
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s
            .handoff("billing", "{\"problem\": \"A-17 charged twice\"}")
            .respond(r -> ModelResponse.text("Done: " + Harness.toolResult(r, "transfer_to_billing"))))
        .agent("billing", s -> s
            .call("refund", "{\"orderId\": \"A-17\", \"cents\": 4999}")
            .respond(r -> ModelResponse.text("billing says " + Harness.toolResult(r, "refund"))))
        .build();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(model).deskLedger(ledger).build()).start();
      TemporalRunner<Desk> desk = h.client(Desk.class);

      TemporalRun<String> run = desk.start(d -> d.frontDesk("I was charged twice"));
      String answer = run.await();

      assertEquals("Done: billing says refunded 4999 on A-17", answer);
      assertEquals(1, ledger.refunds.get());
      assertEquals(4, model.callCount());
      assertEquals(RunStatus.SUCCEEDED, run.status());
      assertTrue(run.id().startsWith("Desk-"), run.id());
      List<RunEvent> events;
      try (Stream<RunEvent> s = run.events()) {
        events = s.toList();
      }
      assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.HandedBack b
          && b.path().equals("frontDesk>billing") && b.to().equals("frontDesk")), events::toString);
      assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.ToolReturned t
          && t.tool().equals("refund") && t.result().equals("refunded 4999 on A-17")));
      assertTrue(events.getLast() instanceof RunEvent.RunFinished f
          && f.status() == RunStatus.SUCCEEDED);
      assertEquals(1, events.stream().map(RunEvent::runId).distinct().count());
    }
  }

  @Test
  void blockingCallThroughTheInterfaceRunsAsAWorkflow() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.reply("Hello from a workflow"))
        .build();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(model).build()).start();
      Desk desk = h.client(Desk.class).agents();

      assertEquals("Hello from a workflow", desk.frontDesk("hi"));
      assertEquals("frontDesk", model.requests().getFirst().path());
    }
  }
}
