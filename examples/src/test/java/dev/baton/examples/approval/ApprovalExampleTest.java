package dev.baton.examples.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.Recording;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunState;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalExampleTest {
  @Test
  void resumesFromJsonWithoutRepeatingAModelCallOrATool() {
    ScriptedModel model = ApprovalExample.script();
    RefundTools payments = new RefundTools();
    Recording first = new Recording();

    String json = ApprovalExample.untilApproval(model, payments, first);

    assertEquals(2, model.callCount(), "look-up turn and refund turn");
    assertEquals(1, payments.lookups());
    assertEquals(List.of(), payments.refunds(), "nothing is refunded before approval");
    RunEvent.ApprovalRequested asked = first.of(RunEvent.ApprovalRequested.class).getFirst();
    assertEquals("refund", asked.approval().tool());
    assertEquals(RunStatus.INTERRUPTED, first.of(RunEvent.RunFinished.class).getFirst().status());
    RunState saved = RunState.fromJson(json);
    assertEquals(List.of("refund"), saved.approvals().stream().map(a -> a.tool()).toList());

    Recording resumed = new Recording();
    String answer = ApprovalExample.approveAndResume(json, model, payments, resumed);

    assertTrue(answer.contains("refund RF-1001: 34900 cents to the card of 5521"), answer);
    assertEquals(3, model.callCount(), "only the turn after the refund calls the model");
    assertEquals(3, model.requests("refundDesk").size());
    assertEquals(1, payments.lookups(), "the journaled look-up is not run again");
    assertEquals(List.of("5521 34900"), payments.refunds());
    RunEvent.RunStarted started = resumed.of(RunEvent.RunStarted.class).getFirst();
    assertTrue(started.resumed());
    assertEquals(saved.runId(), started.runId());
    assertEquals(RunStatus.SUCCEEDED, resumed.of(RunEvent.RunFinished.class).getFirst().status());
  }
}
