package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolMessage;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run waiting for an approval outlives its worker: the worker is shut down while the workflow
 * waits, a new worker (new factory, nothing in memory) takes the next workflow task after the
 * approval, rebuilds the run from the history and finishes it. Completed model and tool calls come
 * from the history; none runs again.
 */
class HistoryReplayTest {
  /** A stateless model: it answers from the request alone, as a real model would. */
  static ScriptedModel billingModel() {
    return ScriptedModel.builder().fallback(HistoryReplayTest::answer).build();
  }

  private static ModelResponse answer(ModelRequest r) {
    boolean answered = r.messages().stream().anyMatch(m -> m instanceof ToolMessage);
    if (!answered) {
      return ModelResponse.toolCalls(List.of(
          new ToolCall("c1", "refund", "{\"orderId\": \"A-17\", \"cents\": 4999}"),
          new ToolCall("c2", "payout", "{\"customer\": \"ann\", \"cents\": 500}")));
    }
    return ModelResponse.text(Harness.toolResult(r, "refund") + "; "
        + Harness.toolResult(r, "payout"));
  }

  @Test
  @Timeout(120)
  void aNewWorkerRebuildsARunWaitingForAnApprovalAndNoCompletedCallRunsAgain() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      ScriptedModel firstModel = billingModel();
      Desk.Ledger firstLedger = new Desk.Ledger();
      WorkerFactory first = Harness.deskWorker(env, Harness.withoutStickyQueue(), firstModel, firstLedger);
      TemporalRun<String> run = TemporalRunner.builder(env.getWorkflowClient(), Desk.class)
          .taskQueue(Harness.QUEUE).build().start(d -> d.billing("refund and pay ann"));
      try (Stream<RunEvent> events = run.events()) {
        events.filter(e -> e instanceof RunEvent.RunFinished f
            && f.status() == RunStatus.INTERRUPTED).findFirst().orElseThrow();
      }
      // Queries need a worker: read the pending call before this one goes.
      List<PendingApproval> pending = run.approvals();
      assertEquals(1, firstModel.callCount());
      assertEquals(1, firstLedger.refunds.get());

      Harness.stop(first);
      assertTrue(first.isTerminated());
      run.approve(pending.getFirst().callId());

      ScriptedModel secondModel = billingModel();
      Desk.Ledger secondLedger = new Desk.Ledger();
      WorkerFactory second = Harness.deskWorker(env, WorkerOptions.getDefaultInstance(), secondModel, secondLedger);
      try {
        assertEquals("refunded 4999 on A-17; paid ann 500", run.await());
      } finally {
        Harness.stop(second);
      }
      // The new worker made the approved payout and the last model call, nothing before them.
      assertEquals(1, secondModel.callCount());
      assertTrue(secondModel.requests().getFirst().messages().stream()
          .anyMatch(m -> m instanceof ToolMessage));
      assertEquals(0, secondLedger.refunds.get());
      assertEquals(1, secondLedger.payouts.get());
      assertEquals(0, firstLedger.payouts.get());
    }
  }
}
