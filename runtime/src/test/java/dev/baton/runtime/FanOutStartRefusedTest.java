package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.internal.exec.Execution;
import dev.baton.runtime.internal.exec.VirtualThreadExecution;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fan-out whose execution refuses one branch its task: the fan-out fails with an error naming
 * that branch, and the branches it had already started are stopped with it rather than left
 * running while the rest of the run goes on.
 */
@ExtendWith(NoRunThreadsLeft.class)
class FanOutStartRefusedTest {

  /** Virtual threads, except for the task whose name ends with {@code refused}. */
  private static final class Refusing implements Execution {
    private final VirtualThreadExecution threads = new VirtualThreadExecution();
    private final String refused;
    private final CountDownLatch before;

    // Refuses only once `before` is open, so the refusal meets a sibling that is already working.
    Refusing(String refused, CountDownLatch before) {
      this.refused = refused;
      this.before = before;
    }

    @Override
    public Task start(String name, Runnable body) {
      if (name.endsWith(refused)) {
        try {
          before.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new RejectedExecutionException("no thread today");
      }
      return threads.start(name, body);
    }

    @Override
    public long nanoTime() {
      return threads.nanoTime();
    }

    @Override
    public Instant now() {
      return threads.now();
    }

    @Override
    public boolean awaitUntil(BooleanSupplier condition, long deadlineNanos)
        throws InterruptedException {
      return threads.awaitUntil(condition, deadlineNanos);
    }

    @Override
    public void signal() {
      threads.signal();
    }

    @Override
    public String newId() {
      return threads.newId();
    }
  }

  @Test
  void theBranchesAFailedFanOutStartedStopWithItWhileTheRunGoesOn() {
    // "outer" forks "inner" (itself a fan-out of b0, b1, b2) and "watch"; b1 cannot start.
    AgentGraph graph = AgentGraph.builder("Nested")
        .fanOut("outer", a -> a.input("task", String.class).output(String.class)
            .parallel("inner", "watch"))
        .fanOut("inner", a -> a.input("task", String.class).output(String.class)
            .parallel("b0", "b1", "b2"))
        .llmAgent("watch", a -> a.instructions("Watch.").input("task", String.class))
        .llmAgent("b0", a -> a.instructions("Work.").input("task", String.class))
        .llmAgent("b1", a -> a.instructions("Work.").input("task", String.class))
        .llmAgent("b2", a -> a.instructions("Work.").input("task", String.class))
        .build();
    CountDownLatch b0InModel = new CountDownLatch(1);
    CountDownLatch b0Stopped = new CountDownLatch(1);
    Model model = (request, listener) -> {
      if (request.agent().equals("b0")) {
        b0InModel.countDown();
        try {
          new CountDownLatch(1).await(); // answers only by being interrupted
        } catch (InterruptedException e) {
          b0Stopped.countDown();
          throw e;
        }
        throw new AssertionError("not interrupted");
      }
      // watch: still running beside the failed fan-out, it sees whether b0 was stopped.
      boolean stopped = b0Stopped.await(20, TimeUnit.SECONDS);
      return ModelResponse.text(stopped ? "b0 stopped" : "b0 still running");
    };
    RunOptions options = RunOptions.builder()
        .context(new Refusing("outer/inner/b1", b0InModel)).build();
    Run<Object> run = Orchestrator.builder(graph).model(model).options(options).build()
        .start("outer", "t");

    Results<?> results = (Results<?>) run.await();

    assertEquals("b0 stopped", results.successes().get("watch"));
    Outcome.Failed<?> inner = assertInstanceOf(Outcome.Failed.class, results.outcome("inner"));
    AgentException error = assertInstanceOf(AgentException.class, inner.error());
    assertEquals("outer/inner/b1", error.path());
    assertTrue(error.getMessage().contains("could not start")
        && error.getMessage().contains("no thread today"), error.getMessage());
    assertEquals(RunStatus.SUCCEEDED, run.status());
    Threads.assertNoneLeft(run.id());
  }
}
