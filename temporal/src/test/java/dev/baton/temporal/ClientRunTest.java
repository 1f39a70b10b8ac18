package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.AgentException;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunConflictException;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.RunTimeoutException;
import dev.baton.runtime.WaitInterruptedException;
import dev.baton.runtime.WaitTimeoutException;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client's view of a run on Temporal keeps {@code Run}'s contract: a wait that runs out or is
 * interrupted says so and leaves the run going; cancelling ends the workflow as cancelled with its
 * activity cancelled; status needs no worker once the workflow has closed; types, queues and ids
 * are the user's to choose.
 */
class ClientRunTest {
  /** A model call that blocks until released, and says when its activity interrupts it. */
  static final class Gate {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);

    ModelResponse pass() {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted: the activity was cancelled");
      }
      return ModelResponse.text("released");
    }
  }

  private static ScriptedModel gated(Gate gate) {
    return ScriptedModel.builder().agent("frontDesk", s -> s.respond(r -> gate.pass())).build();
  }

  @Test
  void aTimedWaitThatRunsOutSaysSoAndTheRunGoesOn() throws Exception {
    Gate gate = new Gate();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(gated(gate)).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.frontDesk("hello"));
      assertTrue(gate.entered.await(30, TimeUnit.SECONDS));

      WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
          () -> run.await(Duration.ofMillis(300)));

      assertEquals(Duration.ofMillis(300), e.waited());
      assertEquals(RunStatus.RUNNING, run.status());
      gate.release.countDown();
      assertEquals("released", run.await());
    }
  }

  @Test
  void anInterruptedWaitSaysSoKeepsTheFlagAndTheRunGoesOn() throws Exception {
    Gate gate = new Gate();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(gated(gate)).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.frontDesk("hello"));
      assertTrue(gate.entered.await(30, TimeUnit.SECONDS));

      CompletableFuture<Throwable> thrown = new CompletableFuture<>();
      CompletableFuture<Boolean> flagged = new CompletableFuture<>();
      Thread waiter = Thread.ofPlatform().start(() -> {
        Thread.currentThread().interrupt();
        try {
          run.await();
          thrown.complete(null);
        } catch (Throwable t) {
          thrown.complete(t);
        }
        flagged.complete(Thread.currentThread().isInterrupted());
      });
      waiter.join();

      assertTrue(thrown.get() instanceof WaitInterruptedException, String.valueOf(thrown.get()));
      assertTrue(flagged.get());
      assertEquals(RunStatus.RUNNING, run.status());
      gate.release.countDown();
      assertEquals("released", run.await());
    }
  }

  @Test
  void cancelEndsTheWorkflowAsCancelledAndItsActivityStops() throws Exception {
    Gate gate = new Gate();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(gated(gate)).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.frontDesk("hello"));
      assertTrue(gate.entered.await(30, TimeUnit.SECONDS));

      run.cancel();

      assertThrows(RunCancelledException.class, run::await);
      // The activity learns of the cancellation at its next heartbeat and interrupts the call.
      assertTrue(gate.interrupted.await(30, TimeUnit.SECONDS));
      List<HistoryEvent> history = h.env.getWorkflowClient().fetchHistory(run.workflowId())
          .getEvents();
      assertTrue(history.stream().anyMatch(ev -> ev.getEventType()
          == EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED), history::toString);
      assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, history.getLast()
          .getEventType());
      assertEquals(RunStatus.CANCELLED, run.status());
    }
  }

  @Test
  void theWorkflowExecutionTimeoutIsTheRunsDeadline() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("billing", s -> s.call("payout", "{\"customer\": \"ann\", \"cents\": 500}")
            .reply("paid"))
        .build();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(model).build()).start();
      TemporalRunner<Desk> desk = TemporalRunner.builder(h.env.getWorkflowClient(), Desk.class)
          .taskQueue(Harness.QUEUE).workflowOptions(WorkflowOptions.newBuilder()
              .setWorkflowExecutionTimeout(Duration.ofHours(2)).build()).build();
      long before = h.env.currentTimeMillis();
      // Nobody decides the payout: the run waits until its deadline (time skips while it waits).
      TemporalRun<String> run = desk.start(d -> d.billing("pay ann"));

      RunTimeoutException e = assertThrows(RunTimeoutException.class, run::await);

      assertTrue(h.env.currentTimeMillis() - before >= Duration.ofHours(2).toMillis());
      assertTrue(e.getMessage().contains(run.id()), e.getMessage());
      assertEquals(RunStatus.CANCELLED, run.status());
    }
  }

  @Test
  void theRunDeadlineEndsTheRunWithRunTimeoutExceptionAndStopsItsActivity() throws Exception {
    Gate gate = new Gate();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(gated(gate))
          .options(RunOptions.builder().deadline(Duration.ofSeconds(2)).build()).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.frontDesk("hello"));

      RunTimeoutException e = assertThrows(RunTimeoutException.class, run::await);

      assertEquals(Duration.ofSeconds(2), e.deadline());
      assertTrue(gate.interrupted.await(30, TimeUnit.SECONDS));
      // As a local run whose deadline passed.
      assertEquals(RunStatus.CANCELLED, run.status());
    }
  }

  @Test
  void statusOfAClosedRunNeedsNoWorker() {
    ScriptedModel model = ScriptedModel.builder().agent("frontDesk", s -> s.reply("hi")).build();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(model).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.frontDesk("hello"));
      assertEquals("hi", run.await());

      h.env.getWorkerFactory().shutdownNow();
      h.env.getWorkerFactory().awaitTermination(30, TimeUnit.SECONDS);

      assertEquals(RunStatus.SUCCEEDED, run.status());
      assertTrue(run.isDone());
    }
  }

  @Test
  void workflowTypeTaskQueueAndIdsAreTheUsers() {
    ScriptedModel model = ScriptedModel.builder().agent("frontDesk", s -> s.reply("hi")).build();
    try (Harness h = new Harness()) {
      var other = h.env.newWorker("desk-queue");
      BatonWorker.on(other).register(DeskRunner.builder().model(model).build(),
          Harness.registration().withWorkflowType("DeskV2"));
      h.start();
      TemporalRunner<Desk> desk = TemporalRunner.builder(h.env.getWorkflowClient(), Desk.class)
          .workflowType("DeskV2").taskQueue("desk-queue").workflowIds(() -> "ticket-17").build();

      TemporalRun<String> run = desk.start(d -> d.frontDesk("hello"));

      assertEquals("ticket-17", run.id());
      assertEquals("hi", run.await());
      var described = h.env.getWorkflowClient().fetchHistory("ticket-17").getEvents().getFirst()
          .getWorkflowExecutionStartedEventAttributes();
      assertEquals("DeskV2", described.getWorkflowType().getName());
      assertEquals("desk-queue", described.getTaskQueue().getName());
    }
  }

  @Test
  void anIdInUseIsARunConflict() throws Exception {
    Gate gate = new Gate();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(gated(gate)).build()).start();
      TemporalRunner<Desk> desk = h.client(Desk.class);
      TemporalRun<String> run = desk.start("ticket-9", d -> d.frontDesk("hello"));
      assertTrue(gate.entered.await(30, TimeUnit.SECONDS));

      RunConflictException e = assertThrows(RunConflictException.class,
          () -> desk.start("ticket-9", d -> d.frontDesk("again")));

      assertEquals(RunConflictException.Reason.ID_IN_USE, e.reason());
      assertTrue(e.getMessage().contains("\"ticket-9\" is taken"), e.getMessage());
      gate.release.countDown();
      assertEquals("released", run.await());
    }
  }

  @Test
  void aWorkflowTypeNoWorkerRegisteredFailsTheRunNamingIt() {
    ScriptedModel model = ScriptedModel.builder().agent("frontDesk", s -> s.reply("hi")).build();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(model).build());
      h.start();
      TemporalRunner<Desk> desk = TemporalRunner.builder(h.env.getWorkflowClient(), Desk.class)
          .workflowType("Desk2").taskQueue(Harness.QUEUE).build();

      AgentException e = assertThrows(AgentException.class,
          () -> desk.agents().frontDesk("hello"));

      assertTrue(e.getMessage().contains("no Baton runner is registered for workflow type \"Desk2\""),
          e.getMessage());
    }
  }
}
