package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolMessage;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker dies in the middle of a run (its factory is shut down while a model call is in flight,
 * after a model call and a tool call completed) and a new worker, started later on the same task
 * queue with the same registration, finishes the run. Calls are counted per worker and per
 * occurrence: the completed ones never run again; only the one lost with the first worker does.
 */
class WorkerLossTest {
  /** Counts the model calls a worker made, by step ({@code path#m<turn>}). */
  static final class CountingModel implements Model {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final CountDownLatch secondTurnEntered = new CountDownLatch(1);
    private final boolean hangOnSecondTurn;

    CountingModel(boolean hangOnSecondTurn) {
      this.hangOnSecondTurn = hangOnSecondTurn;
    }

    @Override
    public ModelResponse respond(ModelRequest r, ModelListener listener)
        throws InterruptedException {
      long turn = 1 + r.messages().stream().filter(m -> m instanceof AssistantMessage).count();
      calls.computeIfAbsent(r.path() + "#m" + turn, k -> new AtomicInteger()).incrementAndGet();
      if (turn == 1) {
        return ModelResponse.toolCalls(List.of(
            new ToolCall("c1", "refund", "{\"orderId\": \"A-17\", \"cents\": 4999}")));
      }
      if (hangOnSecondTurn) {
        secondTurnEntered.countDown();
        new CountDownLatch(1).await(); // until the worker's shutdown interrupts the call
      }
      String refund = r.messages().stream().filter(m -> m instanceof ToolMessage)
          .map(m -> ((ToolMessage) m).content()).findFirst().orElseThrow();
      return ModelResponse.text("billing says " + refund);
    }

    int count(String step) {
      AtomicInteger n = calls.get(step);
      return n == null ? 0 : n.get();
    }
  }

  @Test
  @Timeout(120)
  void aNewWorkerFinishesTheRunAndNoCompletedCallRunsAgain() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      CountingModel firstModel = new CountingModel(true);
      Desk.Ledger firstLedger = new Desk.Ledger();
      WorkerFactory first = Harness.deskWorker(env, Harness.withoutStickyQueue(), firstModel, firstLedger);

      TemporalRun<String> run = TemporalRunner.builder(env.getWorkflowClient(), Desk.class)
          .taskQueue(Harness.QUEUE).build().start(d -> d.billing("A-17 was charged twice"));
      assertTrue(firstModel.secondTurnEntered.await(60, TimeUnit.SECONDS));

      Harness.stop(first);
      assertTrue(first.isTerminated());

      CountingModel secondModel = new CountingModel(false);
      Desk.Ledger secondLedger = new Desk.Ledger();
      WorkerFactory second = Harness.deskWorker(env, WorkerOptions.getDefaultInstance(), secondModel, secondLedger);
      try {
        assertEquals("billing says refunded 4999 on A-17", run.await());
      } finally {
        Harness.stop(second);
      }

      // The first worker made the first model call and the refund, and lost the second call.
      assertEquals(Map.of("billing#m1", 1, "billing#m2", 1), counts(firstModel));
      assertEquals(1, firstLedger.refunds.get());
      // The second worker made only the lost call again: nothing completed ran twice.
      assertEquals(Map.of("billing#m2", 1), counts(secondModel));
      assertEquals(0, secondLedger.refunds.get());
      List<HistoryEvent> history = env.getWorkflowClient().fetchHistory(run.workflowId())
          .getEvents();
      assertEquals(3, history.stream().filter(e -> e.getEventType()
          == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED).count(), history::toString);
    }
  }

  private static Map<String, Integer> counts(CountingModel m) {
    Map<String, Integer> out = new TreeMap<>();
    m.calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
