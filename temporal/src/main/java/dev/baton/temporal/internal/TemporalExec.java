package dev.baton.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.ToolArgumentException;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.ToolInvoker;
import dev.baton.runtime.internal.Json;
import dev.baton.runtime.internal.exec.Exec;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The run loop as Temporal workflow code. Work is an {@link Async} procedure in a {@link
 * CancellationScope} of its own, so cancelling it (a branch at its timeout, siblings of a branch
 * that failed fast, the run) cancels its timers and activities; waits are {@link Workflow#await}
 * with a timeout, which becomes a workflow timer; the clock is {@link Workflow#currentTimeMillis};
 * ids come from {@link Workflow#randomUUID}; model and tool calls are activities whose summaries are
 * the run's journal keys ({@code frontDesk>billing#m1}), so the history names every step by agent
 * path; where each invocation's calls went is a side-effect marker, checked on every replay.
 *
 * <p>Only one workflow thread runs at a time, so the run loop's short lock holds never block.
 * Used only on workflow threads.
 */
final class TemporalExec implements Exec {
  private final String workflowType;
  private final ActivityOptions modelCalls;
  private final ActivityOptions toolCalls;

  TemporalExec(String workflowType, ActivityOptions modelCalls, ActivityOptions toolCalls) {
    this.workflowType = workflowType;
    this.modelCalls = modelCalls;
    this.toolCalls = toolCalls;
  }

  @Override
  public Task start(String name, Runnable work) {
    CompletablePromise<Void> done = Workflow.newPromise();
    CancellationScope scope = Workflow.newCancellationScope(() -> Async.procedure(() -> {
      try {
        work.run();
      } finally {
        done.complete(null);
      }
    }));
    scope.run();
    return new ScopeTask(scope, done);
  }

  @Override
  public Task current() {
    return new ScopeTask(CancellationScope.current(), null);
  }

  @Override
  public Latch latch(int count) {
    int[] left = {count};
    return new Latch() {
      @Override
      public void countDown() {
        if (left[0] > 0) {
          left[0]--;
        }
      }

      @Override
      public boolean await(long deadlineNanos) throws InterruptedException {
        return waitFor(deadlineNanos, () -> left[0] == 0);
      }
    };
  }

  @Override
  public Permits permits(int count) {
    int[] available = {count};
    return new Permits() {
      @Override
      public boolean acquire(long deadlineNanos) throws InterruptedException {
        if (!waitFor(deadlineNanos, () -> available[0] > 0)) {
          return false;
        }
        available[0]--;
        return true;
      }

      @Override
      public void release() {
        available[0]++;
      }
    };
  }

  // A wait that ends when the condition holds, at the deadline (a workflow timer), or when the
  // waiting work is cancelled.
  private boolean waitFor(long deadlineNanos, BooleanSupplier condition) throws InterruptedException {
    CancellationScope scope = CancellationScope.current();
    BooleanSupplier done = () -> condition.getAsBoolean() || scope.isCancelRequested();
    try {
      if (deadlineNanos == Long.MAX_VALUE) {
        Workflow.await(done::getAsBoolean);
      } else {
        long millis = Math.max(0, (deadlineNanos - nanoTime() + 999_999) / 1_000_000);
        if (millis > 0) {
          Workflow.await(Duration.ofMillis(millis), done::getAsBoolean);
        }
      }
    } catch (CanceledFailure e) {
      throw new InterruptedException("cancelled: " + e.getMessage());
    }
    if (condition.getAsBoolean()) {
      return true;
    }
    if (scope.isCancelRequested()) {
      throw new InterruptedException("cancelled");
    }
    return false;
  }

  @Override
  public long nanoTime() {
    return Workflow.currentTimeMillis() * 1_000_000L;
  }

  @Override
  public Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  @Override
  public String newRunId() {
    return Workflow.randomUUID().toString();
  }

  @Override
  public String remember(String key, String value) {
    return Workflow.sideEffect(String.class, () -> value);
  }

  @Override
  public boolean cancelled() {
    return CancellationScope.current().isCancelRequested();
  }

  @Override
  public void keepCancelled() {
    // The cancellation scope stays cancelled by itself.
  }

  @Override
  public void clearCancelled() {
    // Nothing to clear: scopes are not reused.
  }

  @Override
  public ModelResponse callModel(String step, Model model, ModelRequest request,
      ModelListener listener) throws InterruptedException {
    BatonActivities stub = Workflow.newActivityStub(BatonActivities.class,
        ActivityOptions.newBuilder(modelCalls).setSummary(step).build());
    String response;
    try {
      response = stub.callModel(workflowType, Payloads.request(request));
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure || cancelled()) {
        throw new InterruptedException("model call cancelled at " + request.path());
      }
      throw modelFailure(request, e);
    } catch (CanceledFailure e) {
      throw new InterruptedException("model call cancelled at " + request.path());
    }
    ModelResponse r = Payloads.response(response);
    // An activity cannot stream: its text arrives as one delta, so event streams still carry it.
    if (r.text() != null && !r.text().isEmpty() && !r.hasToolCalls()) {
      listener.onTextDelta(r.text());
    }
    return r;
  }

  private static AgentException modelFailure(ModelRequest request, ActivityFailure e) {
    String message = e.getCause() instanceof ApplicationFailure a ? a.getOriginalMessage()
        : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    return new ModelCallException(request.runId(), request.path(), 0, 0, "model call activity "
        + e.getActivityId() + " failed: " + message, null);
  }

  @Override
  public Object invokeTool(String step, String owner, ToolInvoker invoker, String tool,
      ToolArguments arguments, RunContext context) throws Exception {
    BatonActivities stub = Workflow.newActivityStub(BatonActivities.class,
        ActivityOptions.newBuilder(toolCalls).setSummary(step).build());
    ObjectNode call = Json.mapper().createObjectNode();
    call.put("runId", context.runId()).put("path", context.path()).put("owner", owner)
        .put("tool", tool).put("arguments", arguments.json().toString());
    String outcome;
    try {
      outcome = stub.callTool(workflowType, call.toString());
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure || cancelled()) {
        throw new InterruptedException("tool call cancelled at " + context.path());
      }
      String message = e.getCause() instanceof ApplicationFailure a ? a.getOriginalMessage()
          : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      throw new ToolActivityException("activity " + e.getActivityId() + " failed: " + message);
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

  /** A tool that failed on the worker; its message is the failure as the tool threw it. */
  static final class ToolActivityException extends Exception {
    private static final long serialVersionUID = 1L;

    ToolActivityException(String message) {
      super(message);
    }
  }

  private record ScopeTask(CancellationScope scope, CompletablePromise<Void> done) implements Task {
    @Override
    public void cancel() {
      scope.cancel();
    }

    @Override
    public void join() {
      if (done == null || done.isCompleted()) {
        return;
      }
      // Uncancellable: a detached scope ignores the cancellation of the waiter's scope.
      Workflow.newDetachedCancellationScope(() -> Workflow.await(done::isCompleted)).run();
    }

    @Override
    public void joinCancellably() throws InterruptedException {
      if (done == null || done.isCompleted()) {
        return;
      }
      CancellationScope mine = CancellationScope.current();
      try {
        Workflow.await(() -> done.isCompleted() || mine.isCancelRequested());
      } catch (CanceledFailure e) {
        throw new InterruptedException("cancelled");
      }
      if (!done.isCompleted()) {
        throw new InterruptedException("cancelled");
      }
    }

    @Override
    public boolean isDone() {
      return done == null ? false : done.isCompleted();
    }
  }
}
