package dev.baton.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.ToolArgumentException;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.ToolInvoker;
import dev.baton.runtime.Toolset;
import dev.baton.runtime.internal.Json;
import dev.baton.runtime.internal.exec.Execution;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowThreadLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The run loop as Temporal workflow code. A task is an {@link Async} procedure in a {@link
 * CancellationScope} of its own, so cancelling it (a branch at its timeout, the siblings of a
 * branch that failed fast, the run) cancels its timers and activities; a wait is {@link
 * Workflow#await(Duration, java.util.function.Supplier)}, whose timeout is a workflow timer; the
 * clock is {@link Workflow#currentTimeMillis}; ids come from {@link Workflow#randomUUID}; model and
 * tool calls are activities summarized by the run's journal key ({@code frontDesk>billing#m1}), so
 * the history names every step by agent path; where each invocation's calls went is a side-effect
 * marker that every replay checks.
 *
 * <p>Cancellation is the scope's, never a thread interrupt: an interrupt flag on a workflow thread
 * breaks the SDK's scheduler, so waits and calls here consume a flag the run loop set after an
 * {@link InterruptedException} and treat it as the cancellation it stands for. A task's wait
 * reports its scope's cancellation once, as a thread's interrupt is consumed once; its later waits
 * run in a detached scope. Model and tool calls in a cancelled scope are refused every time. Only
 * one workflow thread runs at a time, so the run loop's short lock holds never block. Workflow
 * threads only.
 */
final class TemporalExecution implements Execution {
  private final String workflowType;
  private final ActivityOptions modelCalls;
  private final ActivityOptions toolCalls;
  private final LocalActivityOptions listings;

  TemporalExecution(String workflowType, ActivityOptions modelCalls, ActivityOptions toolCalls,
      LocalActivityOptions listings) {
    this.workflowType = workflowType;
    this.modelCalls = modelCalls;
    this.toolCalls = toolCalls;
    this.listings = listings;
  }

  /** The task a workflow thread runs, null on the workflow's own thread. */
  private static final WorkflowThreadLocal<ScopeTask> CURRENT = WorkflowThreadLocal.withInitial(
      () -> null);

  private final class ScopeTask implements Task {
    private final String name;
    private CancellationScope scope;
    private boolean done;
    private boolean cancellationDelivered;

    ScopeTask(String name) {
      this.name = name;
    }

    @Override
    public void cancel() {
      scope.cancel();
    }

    @Override
    public boolean isDone() {
      return done;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean awaitDone(long deadlineNanos) throws InterruptedException {
      return awaitUntil(() -> done, deadlineNanos);
    }

    @Override
    public String toString() {
      return "Task[" + name + (done ? ", done" : "") + "]";
    }
  }

  @Override
  public Task start(String name, Runnable body) {
    ScopeTask task = new ScopeTask(name);
    task.scope = Workflow.newCancellationScope(() -> Async.procedure(() -> {
      CURRENT.set(task);
      try {
        body.run();
      } catch (RuntimeException e) {
        Workflow.getLogger(TemporalExecution.class).error("task " + name + " died: " + e, e);
      } finally {
        Thread.interrupted(); // never leave a flag on a workflow thread
        task.done = true;
        if (body instanceof CompletingBody c) {
          c.afterDone();
        }
      }
    }));
    task.scope.run();
    return task;
  }

  @Override
  public long nanoTime() {
    return Workflow.currentTimeMillis() * 1_000_000L;
  }

  @Override
  public Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  // A cancelled scope stays cancelled, but an interrupt is delivered once: a task's wait throws
  // for its cancellation once, and later waits of that task (a settling run joining its watchdog,
  // draining its listener) wait in a detached scope, as a thread whose interrupt was consumed does.
  // Without this, a loop that retries an interrupted wait would spin in one workflow task forever.
  private static boolean deliverCancellation(CancellationScope scope) {
    if (!scope.isCancelRequested()) {
      return false;
    }
    ScopeTask task = CURRENT.get();
    if (task == null) {
      return true; // the workflow's own thread: it handles its cancellation itself
    }
    if (task.cancellationDelivered) {
      return false;
    }
    task.cancellationDelivered = true;
    return true;
  }

  @Override
  public boolean awaitUntil(BooleanSupplier condition, long deadlineNanos)
      throws InterruptedException {
    CancellationScope scope = CancellationScope.current();
    if (Thread.interrupted() || deliverCancellation(scope)) {
      throw new InterruptedException("cancelled");
    }
    if (condition.getAsBoolean()) {
      return true;
    }
    boolean delivered = scope.isCancelRequested();
    BooleanSupplier wake = delivered ? condition
        : () -> condition.getAsBoolean() || scope.isCancelRequested();
    Runnable wait = () -> {
      if (deadlineNanos == Long.MAX_VALUE) {
        Workflow.await(wake::getAsBoolean);
      } else {
        long millis = Math.max(0, (deadlineNanos - nanoTime() + 999_999) / 1_000_000);
        if (millis > 0) {
          Workflow.await(Duration.ofMillis(millis), wake::getAsBoolean);
        }
      }
    };
    try {
      if (delivered) {
        Workflow.newDetachedCancellationScope(wait).run();
      } else {
        wait.run();
      }
    } catch (CanceledFailure e) {
      deliverCancellation(scope);
      throw new InterruptedException("cancelled: " + e.getMessage());
    }
    if (condition.getAsBoolean()) {
      return true;
    }
    if (deliverCancellation(scope)) {
      throw new InterruptedException("cancelled");
    }
    return false;
  }

  @Override
  public void signal() {
    // Workflow.await re-evaluates its condition after every step of the workflow by itself.
  }

  @Override
  public String newId() {
    return Workflow.randomUUID().toString().replace("-", "");
  }

  @Override
  public String remember(String key, String value) {
    return Workflow.sideEffect(String.class, () -> value);
  }

  @Override
  public ModelResponse callModel(String step, Model model, ModelRequest request,
      ModelListener listener) throws InterruptedException {
    if (Thread.interrupted() || CancellationScope.current().isCancelRequested()) {
      throw new InterruptedException("model call cancelled at " + request.path());
    }
    BatonActivities stub = Workflow.newActivityStub(BatonActivities.class,
        ActivityOptions.newBuilder(modelCalls).setSummary(step).build());
    String response;
    try {
      response = stub.callModel(workflowType, Payloads.request(request));
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure || CancellationScope.current().isCancelRequested()) {
        throw new InterruptedException("model call cancelled at " + request.path());
      }
      throw modelFailure(request, e);
    } catch (CanceledFailure e) {
      throw new InterruptedException("model call cancelled at " + request.path());
    }
    ModelResponse r = Payloads.response(response);
    // An activity cannot stream: the answer arrives as one delta, so event streams still carry it.
    if (!r.hasToolCalls() && r.text() != null && !r.text().isEmpty()) {
      listener.onTextDelta(r.text());
    }
    return r;
  }

  private static AgentException modelFailure(ModelRequest request, ActivityFailure e) {
    if (e.getCause() instanceof ApplicationFailure a) {
      AgentException typed = AgentFailures.decode(request.runId(), a, e);
      if (typed != null) {
        return typed;
      }
    }
    return new ModelCallException(request.runId(), request.path(), 0, 0, "model call failed on the"
        + " worker: " + causeMessage(e), null);
  }

  private static String causeMessage(ActivityFailure e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure a) {
      return a.getOriginalMessage();
    }
    return cause == null ? e.getMessage() : cause.getMessage();
  }

  @Override
  public Object invokeTool(String step, String owner, ToolInvoker invoker, String tool,
      ToolArguments arguments, RunContext context) throws Exception {
    return toolActivity(step, tool, call("owner", owner, tool, arguments, context), context);
  }

  @Override
  public Object callToolset(String step, String toolset, Toolset source, String tool,
      ToolArguments arguments, RunContext context) throws Exception {
    return toolActivity(step, tool, call("toolset", toolset, tool, arguments, context), context);
  }

  // The tool activity's input: the run, the path, where the tool comes from (a tool class's owner
  // or a toolset's name, under sourceField), the tool and its arguments.
  private static ObjectNode call(String sourceField, String source, String tool,
      ToolArguments arguments, RunContext context) {
    ObjectNode call = Json.mapper().createObjectNode();
    call.put("runId", context.runId()).put("path", context.path()).put(sourceField, source)
        .put("tool", tool).put("arguments", arguments.toJson());
    return call;
  }

  // The listing may reach a server (an MCP toolset lists its tools over the wire) and its answer
  // decides which calls the turn can make, so it runs outside workflow code and is recorded: a
  // local activity, whose result replays from its marker.
  @Override
  public List<ToolSpec> listTools(String step, String toolset, Toolset source) {
    BatonActivities stub = Workflow.newLocalActivityStub(BatonActivities.class,
        LocalActivityOptions.newBuilder(listings).setSummary(step + " tools of " + toolset)
            .build());
    try {
      return Payloads.tools(stub.listTools(workflowType, toolset));
    } catch (ActivityFailure e) {
      throw new IllegalStateException("toolset \"" + toolset + "\" could not list its tools on the"
          + " worker: " + causeMessage(e), e);
    }
  }

  private Object toolActivity(String step, String tool, ObjectNode call, RunContext context)
      throws Exception {
    if (Thread.interrupted() || CancellationScope.current().isCancelRequested()) {
      throw new InterruptedException("tool call cancelled at " + context.path());
    }
    BatonActivities stub = Workflow.newActivityStub(BatonActivities.class,
        ActivityOptions.newBuilder(toolCalls).setSummary(step).build());
    String outcome;
    try {
      outcome = stub.callTool(workflowType, call.toString());
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure || CancellationScope.current().isCancelRequested()) {
        throw new InterruptedException("tool call cancelled at " + context.path());
      }
      throw new ToolActivityException("its activity failed: " + causeMessage(e));
    } catch (CanceledFailure e) {
      throw new InterruptedException("tool call cancelled at " + context.path());
    }
    JsonNode n = Json.tree(outcome);
    if (n.has("argumentError")) {
      throw new ToolArgumentException(tool, n.get("argumentError").asText());
    }
    if (n.has("failed")) {
      throw new ToolActivityException(n.get("failed").asText());
    }
    JsonNode value = n.get("value");
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A tool that failed on the worker; the message is its failure as the tool threw it. */
  static final class ToolActivityException extends Exception {
    private static final long serialVersionUID = 1L;

    ToolActivityException(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    return "TemporalExecution[" + workflowType + "]";
  }
}
