package dev.baton.temporal;

import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.Orchestrator;
import dev.baton.temporal.internal.ActivitiesImpl;
import dev.baton.temporal.internal.Registered;
import dev.baton.temporal.internal.Registry;
import dev.baton.temporal.internal.RunWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.Worker;
import io.temporal.workflow.DynamicWorkflow;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs generated runners on a Temporal {@link Worker}: their runs as workflows, their model and
 * tool calls as activities. The model client (and its API key) and the tool instances stay on the
 * worker; only requests, responses and tool results travel through Temporal.
 *
 * <pre>{@code
 * WorkerFactory factory = WorkerFactory.newInstance(client);
 * Worker worker = factory.newWorker("baton");
 * BatonWorker.on(worker).register(SupportRunner.builder().model(Models.fromEnv()).build());
 * factory.start();
 * }</pre>
 *
 * <p>A run's workflow type is the runner's graph name ({@code "Support"}) unless registered under
 * another. Registration must happen before the worker's factory starts. One {@code BatonWorker}
 * exists per worker; it registers Temporal's dynamic workflow and the Baton activities on it once,
 * so the worker cannot also host another {@link DynamicWorkflow}. Thread-safe.
 *
 * <p>Worker options: keep the SDK's default sticky schedule-to-start timeout (5 s), which bounds how
 * long a run waits for a crashed worker before another worker of the queue takes it. In tests on
 * the in-process {@code TestWorkflowEnvironment}, a worker that is stopped while its runs go on
 * needs {@code WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO)}:
 * that server never moves a task off a dead worker's sticky queue.
 */
public final class BatonWorker {
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final Map<Worker, BatonWorker> WORKERS = new WeakHashMap<>();

  private final Worker worker;
  private final Registry registry = new Registry();

  private BatonWorker(Worker worker) {
    this.worker = worker;
    worker.registerWorkflowImplementationFactory(DynamicWorkflow.class,
        () -> new RunWorkflow(registry));
    worker.registerActivitiesImplementations(new ActivitiesImpl(registry));
  }

  /**
   * The Baton side of a worker, registering Baton's workflow and activities on first use.
   *
   * @param worker a worker whose factory has not started
   * @return its Baton registrations
   */
  public static BatonWorker on(Worker worker) {
    Objects.requireNonNull(worker, "worker");
    LOCK.lock();
    try {
      return WORKERS.computeIfAbsent(worker, BatonWorker::new);
    } finally {
      LOCK.unlock();
    }
  }

  /**
   * Registers a runner under its graph name with default activity options ({@link #defaultModelCalls},
   * {@link #defaultToolCalls}).
   *
   * @param runner a runner (generated, or any {@link AgentRunner} over an orchestrator), built with
   *     its model, tool instances and toolsets
   * @return this
   * @throws IllegalStateException if the workflow type is already registered on this worker
   */
  public BatonWorker register(AgentRunner<?> runner) {
    return register(runner, Registration.defaults());
  }

  /**
   * Registers a runner with its own workflow type or activity options.
   *
   * @param runner a runner (generated, or any {@link AgentRunner} over an orchestrator), built with
   *     its model, tool instances and toolsets
   * @param registration the workflow type and activity options
   * @return this
   * @throws IllegalStateException if the workflow type is already registered on this worker
   */
  public BatonWorker register(AgentRunner<?> runner, Registration registration) {
    Objects.requireNonNull(runner, "runner");
    return register(runner.orchestrator(), registration);
  }

  /**
   * Registers an orchestrator of a graph built at run time (fluent builder), with its model, tools
   * and code-agent bodies, under its graph name or the registration's workflow type. Clients start
   * its runs with an untyped workflow stub: arguments {@code (agent, argumentsJsonArray)}.
   *
   * @param orchestrator the orchestrator
   * @param registration the workflow type and activity options
   * @return this
   * @throws IllegalStateException if the workflow type is already registered on this worker
   */
  public BatonWorker register(Orchestrator orchestrator, Registration registration) {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(registration, "registration");
    String type = registration.workflowType() != null ? registration.workflowType()
        : orchestrator.graph().name();
    registry.add(new Registered(type, orchestrator, registration.modelCalls(),
        registration.toolCalls(), registration.toolListings()));
    return this;
  }

  /** The worker. */
  public Worker worker() {
    return worker;
  }

  /**
   * Default options of model-call activities: 5 minutes from start to close, a heartbeat every
   * few seconds (the activity heartbeats by itself while the model answers; 20 s timeout), and 3
   * attempts with Temporal's exponential backoff, so a call lost with its worker runs again
   * elsewhere. The model client's own retries (HTTP 429/5xx) happen inside each attempt, so a
   * model client's {@code ModelCallException}, a {@code ModelBehaviorException} or subclass, and a
   * {@code RunSetupException} are not retried: the run fails with that exception, as in process.
   */
  public static ActivityOptions defaultModelCalls() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setHeartbeatTimeout(Duration.ofSeconds(20))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3)
            .setDoNotRetry("dev.baton.runtime.ModelBehaviorException",
                "dev.baton.runtime.ModelCallException", "dev.baton.runtime.AnswerTooLargeException",
                "dev.baton.runtime.IncompleteAnswerException",
                "dev.baton.runtime.ModelRefusalException", "dev.baton.runtime.RunSetupException")
            .build())
        .build();
  }

  /**
   * Default options of tool-call activities: 10 minutes from start to close, heartbeats as for
   * model calls, and 3 attempts. A tool that throws does not fail its activity: the model sees the
   * error, as in a local run; only a lost worker or a timeout makes Temporal try again, so tools
   * with side effects should be idempotent.
   */
  public static ActivityOptions defaultToolCalls() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(10))
        .setHeartbeatTimeout(Duration.ofSeconds(20))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
        .build();
  }

  /**
   * Default options of the local activities that list a toolset's tools before each model turn of
   * an agent with {@code @Agent(toolsets = ...)}: 30 seconds from start to close, 3 attempts. A
   * toolset that still cannot list its tools leaves them out of that turn, as in a local run.
   */
  public static LocalActivityOptions defaultToolListings() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
        .build();
  }

  /**
   * How a runner is registered: its workflow type and the options of its model-call and tool-call
   * activities and of its toolsets' listings.
   *
   * @param workflowType the workflow type, or null for the runner's graph name
   * @param modelCalls options of model-call activities
   * @param toolCalls options of tool-call activities, for tool classes and toolsets alike
   * @param toolListings options of the local activities that list a toolset's tools
   */
  public record Registration(String workflowType, ActivityOptions modelCalls,
      ActivityOptions toolCalls, LocalActivityOptions toolListings) {
    /** Checks the components. */
    public Registration {
      Objects.requireNonNull(modelCalls, "modelCalls");
      Objects.requireNonNull(toolCalls, "toolCalls");
      Objects.requireNonNull(toolListings, "toolListings");
    }

    /** The graph name as workflow type and the default activity options. */
    public static Registration defaults() {
      return new Registration(null, defaultModelCalls(), defaultToolCalls(),
          defaultToolListings());
    }

    /**
     * This registration under another workflow type.
     *
     * @param value the workflow type
     * @return the new registration
     */
    public Registration withWorkflowType(String value) {
      return new Registration(Objects.requireNonNull(value, "value"), modelCalls, toolCalls,
          toolListings);
    }

    /**
     * This registration with other model-call activity options.
     *
     * @param value the options, e.g. with a shorter start-to-close timeout
     * @return the new registration
     */
    public Registration withModelCalls(ActivityOptions value) {
      return new Registration(workflowType, value, toolCalls, toolListings);
    }

    /**
     * This registration with other tool-call activity options.
     *
     * @param value the options
     * @return the new registration
     */
    public Registration withToolCalls(ActivityOptions value) {
      return new Registration(workflowType, modelCalls, value, toolListings);
    }

    /**
     * This registration with other options for listing toolsets' tools.
     *
     * @param value the local-activity options
     * @return the new registration
     */
    public Registration withToolListings(LocalActivityOptions value) {
      return new Registration(workflowType, modelCalls, toolCalls, value);
    }
  }
}
