package dev.baton.temporal;

import dev.baton.temporal.internal.ClientRun;
import dev.baton.temporal.internal.Calls;
import dev.baton.runtime.RunConflictException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The client side of an agent system on Temporal: an implementation of the user's interface whose
 * agent calls run as workflows on workers where the generated runner is registered ({@link
 * BatonWorker}). The interface and its generated runner stay as they are.
 *
 * <pre>{@code
 * TemporalRunner<Support> desk = TemporalRunner.builder(client, Support.class).build();
 * String answer = desk.agents().frontDesk("I was charged twice");     // blocks
 * TemporalRun<String> run = desk.start(s -> s.frontDesk("I was charged twice"));
 * run.approvals();  run.approve(callId);  run.cancel();  run.await();
 * }</pre>
 *
 * <p>Workflow type: the interface's simple name (the graph name of its runner) unless set; task
 * queue {@code "baton"} unless set; workflow ids {@code <type>-<random UUID>} unless set. A
 * workflow execution timeout in the {@link WorkflowOptions} is the run's deadline. Immutable and
 * thread-safe.
 *
 * @param <T> the agent-system interface
 */
public final class TemporalRunner<T> {
  private final WorkflowClient client;
  private final Class<T> type;
  private final String workflowType;
  private final String taskQueue;
  private final Supplier<String> ids;
  private final WorkflowOptions options;
  private final Duration pollInterval;
  private final T agents;

  private TemporalRunner(Builder<T> b) {
    this.client = b.client;
    this.type = b.type;
    this.workflowType = b.workflowType != null ? b.workflowType : b.type.getSimpleName();
    this.taskQueue = b.taskQueue;
    this.ids = b.ids != null ? b.ids : () -> workflowType + "-" + UUID.randomUUID();
    this.options = b.options;
    this.pollInterval = b.pollInterval;
    this.agents = Calls.proxy(type, (agent, method, args) -> {
      ClientRun<Object> run = startRun(ids.get(), agent, method, args);
      return run.await();
    });
  }

  /**
   * Starts a builder.
   *
   * @param client the client of the Temporal service (e.g. {@code temporal server start-dev})
   * @param type the agent-system interface
   * @param <T> the interface
   * @return a builder
   */
  public static <T> Builder<T> builder(WorkflowClient client, Class<T> type) {
    return new Builder<>(client, type);
  }

  /**
   * The interface implementation whose every agent call starts a workflow with a new id and blocks
   * until it closes. A call returns the entry agent's output; if the run failed it throws the
   * {@link dev.baton.runtime.AgentException} subclass a run in process throws (e.g. {@code
   * MaxTurnsExceededException}, {@code ModelCallException}), with its agent path, message and
   * fields, and the workflow id as its run id; {@link
   * dev.baton.runtime.RunCancelledException} if the workflow was cancelled or terminated, {@link
   * dev.baton.runtime.RunTimeoutException} if its execution timeout passed, {@link
   * dev.baton.runtime.WaitInterruptedException} if the calling thread was interrupted (the workflow
   * goes on), and {@link io.temporal.client.WorkflowServiceException} if the service cannot be
   * reached. Methods without {@code @Agent} that have a default body run it on the caller's thread.
   *
   * @return the implementation; thread-safe
   */
  public T agents() {
    return agents;
  }

  /** The workflow type of the runs. */
  public String workflowType() {
    return workflowType;
  }

  /**
   * Starts a run as a workflow with a new id and returns at once.
   *
   * @param call calls one agent method (the run's entry), e.g. {@code s -> s.frontDesk("...")}
   * @param <R> the result type
   * @return the run
   * @throws IllegalArgumentException if {@code call} calls no agent method, or more than one
   */
  public <R> TemporalRun<R> start(Function<? super T, ? extends R> call) {
    return start(ids.get(), call);
  }

  /**
   * Starts a run as a workflow with the given id and returns at once.
   *
   * @param workflowId the workflow id, unique among open workflows
   * @param call calls one agent method (the run's entry)
   * @param <R> the result type
   * @return the run
   * @throws IllegalArgumentException if {@code call} calls no agent method, or more than one
   * @throws RunConflictException with {@link RunConflictException.Reason#ID_IN_USE} if a workflow
   *     with that id is running (or the workflow options' id reuse policy refuses it); nothing
   *     started then
   */
  @SuppressWarnings("unchecked")
  public <R> TemporalRun<R> start(String workflowId, Function<? super T, ? extends R> call) {
    Objects.requireNonNull(workflowId, "workflowId");
    Calls.Recorded r = Calls.record(type, call);
    return (TemporalRun<R>) startRun(workflowId, r.agent(), r.method(), r.args());
  }

  /**
   * A handle on a run started earlier, by its workflow id (e.g. from another process).
   *
   * @param workflowId the workflow id
   * @return the run; {@link TemporalRun#await()} returns the entry's output as read JSON
   */
  public TemporalRun<Object> attach(String workflowId) {
    return new ClientRun<>(client.newUntypedWorkflowStub(workflowId), workflowId, Object.class,
        pollInterval);
  }

  private ClientRun<Object> startRun(String workflowId, String agent, java.lang.reflect.Method method,
      Object[] args) {
    WorkflowOptions o = WorkflowOptions.newBuilder(options).setWorkflowId(workflowId)
        .setTaskQueue(options.getTaskQueue() != null ? options.getTaskQueue() : taskQueue).build();
    var stub = client.newUntypedWorkflowStub(workflowType, o);
    try {
      stub.start(agent, Calls.argumentsJson(args));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new RunConflictException(workflowId, RunConflictException.Reason.ID_IN_USE, "workflow id \""
          + workflowId + "\" is taken: a workflow with it is running, or the id reuse policy of the"
          + " workflow options refuses it; start the run under another id");
    }
    return new ClientRun<>(stub, workflowId, method.getGenericReturnType(), pollInterval);
  }

  @Override
  public String toString() {
    return "TemporalRunner[" + workflowType + " on " + taskQueue + "]";
  }

  /**
   * Builds a {@link TemporalRunner}.
   *
   * @param <T> the agent-system interface
   */
  public static final class Builder<T> {
    private final WorkflowClient client;
    private final Class<T> type;
    private String workflowType;
    private String taskQueue = "baton";
    private Supplier<String> ids;
    private WorkflowOptions options = WorkflowOptions.newBuilder().build();
    private Duration pollInterval = Duration.ofMillis(200);

    private Builder(WorkflowClient client, Class<T> type) {
      this.client = Objects.requireNonNull(client, "client");
      this.type = Objects.requireNonNull(type, "type");
      if (!type.isInterface()) {
        throw new IllegalArgumentException(type.getName() + " is not an interface");
      }
    }

    /**
     * Sets the workflow type (default: the interface's simple name, the runner's graph name).
     * Must match the type the runner was registered under on the workers.
     *
     * @param value the workflow type
     * @return this
     */
    public Builder<T> workflowType(String value) {
      this.workflowType = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the task queue the workers poll (default {@code "baton"}).
     *
     * @param value the task queue
     * @return this
     */
    public Builder<T> taskQueue(String value) {
      this.taskQueue = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets how workflow ids are made (default {@code <type>-<random UUID>}).
     *
     * @param value makes one unique id per call
     * @return this
     */
    public Builder<T> workflowIds(Supplier<String> value) {
      this.ids = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the base workflow options: execution and run timeouts (the run's deadline), retry
     * policy, search attributes. Id and task queue are set per run.
     *
     * @param value the options
     * @return this
     */
    public Builder<T> workflowOptions(WorkflowOptions value) {
      this.options = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets how often {@link TemporalRun#events()} queries a running workflow for new events
     * (default 200 ms).
     *
     * @param value a positive interval
     * @return this
     */
    public Builder<T> eventPollInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("eventPollInterval must be positive, not " + value);
      }
      this.pollInterval = value;
      return this;
    }

    /** The runner. */
    public TemporalRunner<T> build() {
      return new TemporalRunner<>(this);
    }
  }
}
