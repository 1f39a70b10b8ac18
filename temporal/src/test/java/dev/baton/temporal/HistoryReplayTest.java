package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolMessage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Workers that keep no workflow in memory: every workflow task rebuilds the run from its history
 * on a new workflow instance, as a worker that replaces a dead one does. Completed model and tool
 * calls come from the history; none runs again.
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
  void everyTaskReplaysTheHistoryAndNoCompletedCallRunsAgain() {
    ScriptedModel model = billingModel();
    Desk.Ledger ledger = new Desk.Ledger();
    try (Harness h = Harness.replayingEveryTask()) {
      h.register(DeskRunner.builder().model(model).deskLedger(ledger).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.billing("refund and pay ann"));
      try (Stream<RunEvent> events = run.events()) {
        events.filter(e -> e instanceof RunEvent.RunFinished f
            && f.status() == RunStatus.INTERRUPTED).findFirst().orElseThrow();
      }
      assertEquals(1, model.callCount());
      assertEquals(1, ledger.refunds.get());

      run.approve(run.approvals().getFirst().callId());

      assertEquals("refunded 4999 on A-17; paid ann 500", run.await());
      // Several workflow tasks each replayed the whole run; the calls happened once each.
      assertEquals(2, model.callCount());
      assertTrue(model.requests().get(1).messages().stream().anyMatch(m -> m instanceof ToolMessage));
      assertEquals(1, ledger.refunds.get());
      assertEquals(1, ledger.payouts.get());
    }
  }
}
