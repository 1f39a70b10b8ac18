package dev.baton.temporal;

import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ToolMessage;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A Temporal test service in process (time skipping), one worker, and clients of it. */
final class Harness implements AutoCloseable {
  static final String QUEUE = "baton-test";

  final TestWorkflowEnvironment env;
  final Worker worker;

  Harness() {
    this(TestEnvironmentOptions.getDefaultInstance());
  }

  Harness(TestEnvironmentOptions options) {
    env = TestWorkflowEnvironment.newInstance(options);
    worker = env.newWorker(QUEUE);
  }

  /**
   * Options for a worker that a test shuts down while its runs go on. A worker with a workflow
   * cache asks the service to send a run's next workflow task to its own sticky queue. A real
   * service moves the task to the run's task queue when the worker says it shuts down, or when the
   * sticky schedule-to-start timeout (5 s by default) passes; the in-process test service does
   * neither, so the task would wait for the dead worker forever. A zero timeout makes the worker ask
   * for no sticky queue: every task goes to the task queue, where any worker takes it.
   */
  static WorkerOptions withoutStickyQueue() {
    return WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();
  }

  /**
   * Starts a worker factory of its own on {@code env}'s queue with a {@link DeskRunner} on
   * {@code model} and {@code ledger}: a worker that a test can stop while its runs go on.
   *
   * @param options the worker's options ({@link #withoutStickyQueue()} for one the test stops)
   */
  static WorkerFactory deskWorker(TestWorkflowEnvironment env, WorkerOptions options, Model model,
      Desk.Ledger ledger) {
    WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
    BatonWorker.on(factory.newWorker(QUEUE, options))
        .register(DeskRunner.builder().model(model).deskLedger(ledger).build(), registration());
    factory.start();
    return factory;
  }

  /** Stops a worker factory started by {@link #deskWorker} and waits, bounded, for its end. */
  static void stop(WorkerFactory factory) {
    factory.shutdownNow();
    factory.awaitTermination(60, TimeUnit.SECONDS);
  }

  /**
   * Activity options for tests: heartbeats often, so cancelled calls stop soon, and retries soon.
   * Model calls keep the defaults' list of failures not to retry, so a model client's failure
   * reaches the run as it does in process.
   */
  static BatonWorker.Registration registration() {
    ActivityOptions calls = ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setHeartbeatTimeout(Duration.ofSeconds(2))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3)
            .setInitialInterval(Duration.ofMillis(100)).build())
        .build();
    ActivityOptions modelCalls = ActivityOptions.newBuilder(calls)
        .setRetryOptions(RetryOptions.newBuilder(BatonWorker.defaultModelCalls().getRetryOptions())
            .setInitialInterval(Duration.ofMillis(100)).build())
        .build();
    return BatonWorker.Registration.defaults().withModelCalls(modelCalls).withToolCalls(calls);
  }

  Harness register(AgentRunner<?> runner) {
    BatonWorker.on(worker).register(runner, registration());
    return this;
  }

  Harness start() {
    env.start();
    return this;
  }

  <T> TemporalRunner<T> client(Class<T> type) {
    return TemporalRunner.builder(env.getWorkflowClient(), type).taskQueue(QUEUE).build();
  }

  @Override
  public void close() {
    env.close();
  }

  /** The content of the last tool message of a request answering {@code tool}, or null. */
  static String toolResult(ModelRequest r, String tool) {
    String out = null;
    for (var m : r.messages()) {
      if (m instanceof ToolMessage t && t.toolName().equals(tool)) {
        out = t.content();
      }
    }
    return out;
  }
}
