package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

class ReplayTest {
  static ScriptedModel deskModel() {
    return ScriptedModel.builder()
        .agent("frontDesk", s -> s
            .handoff("billing", "{\"problem\": \"A-17 charged twice\"}")
            .respond(r -> ModelResponse.text("Done: " + Harness.toolResult(r, "transfer_to_billing"))))
        .agent("billing", s -> s
            .call("refund", "{\"orderId\": \"A-17\", \"cents\": 4999}")
            .respond(r -> ModelResponse.text("billing says " + Harness.toolResult(r, "refund"))))
        .build();
  }

  @Test
  void aFinishedRunReplaysFromItsHistory() throws Exception {
    WorkflowExecutionHistory history;
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(deskModel()).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.frontDesk("charged twice"));
      assertEquals("Done: billing says refunded 4999 on A-17", run.await());
      history = h.env.getWorkflowClient().fetchHistory(run.workflowId());
    }
    try (Harness replay = new Harness()) {
      replay.register(DeskRunner.builder().model(deskModel()).build());
      WorkflowReplayer.replayWorkflowExecution(history, replay.worker);
    }
  }

  @Test
  void aRunThatWaitedForAnApprovalReplaysFromItsHistory() throws Exception {
    WorkflowExecutionHistory history;
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(HistoryReplayTest.billingModel()).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.billing("refund and pay ann"));
      try (java.util.stream.Stream<dev.baton.runtime.RunEvent> events = run.events()) {
        events.filter(e -> e instanceof dev.baton.runtime.RunEvent.RunFinished f
            && f.status() == dev.baton.runtime.RunStatus.INTERRUPTED).findFirst().orElseThrow();
      }
      run.approve(run.approvals().getFirst().callId());
      assertEquals("refunded 4999 on A-17; paid ann 500", run.await());
      history = h.env.getWorkflowClient().fetchHistory(run.workflowId());
    }
    try (Harness replay = new Harness()) {
      replay.register(DeskRunner.builder().model(HistoryReplayTest.billingModel()).build());
      WorkflowReplayer.replayWorkflowExecution(history, replay.worker);
    }
  }
}
