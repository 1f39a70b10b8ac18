package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void aCodeAgentThatChangedItsCallsFailsTheReplay() throws Exception {
    WorkflowExecutionHistory history;
    ScriptedModel model = ScriptedModel.builder()
        .fallback(r -> ModelResponse.text(r.agent() + " spoke"))
        .build();
    try (Harness h = new Harness()) {
      h.register(ReviewRunner.builder().model(model).build()).start();
      TemporalRun<String> run = h.client(Review.class).start(r -> r.debate("tabs"));
      assertEquals("judge spoke", run.await());
      history = h.env.getWorkflowClient().fetchHistory(run.workflowId());
    }
    try (Harness replay = new Harness()) {
      BatonWorker.on(replay.worker).register(ReviewChangedRunner.builder().model(model).build(),
          Harness.registration().withWorkflowType("Review"));

      Exception e = assertThrows(Exception.class,
          () -> WorkflowReplayer.replayWorkflowExecution(history, replay.worker));

      // The changed code agent calls "con" first; the marker recorded "debate/pro", so the run
      // fails where the history schedules the call: Temporal reports the divergence.
      String all = chain(e);
      assertTrue(all.contains("NonDeterministicException")
          && all.contains("COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION"), all);
    }
  }

  private static String chain(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
