package dev.baton.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Durations;
import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunState;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.RunTimeoutException;
import dev.baton.runtime.WaitInterruptedException;
import dev.baton.runtime.WaitTimeoutException;
import dev.baton.runtime.internal.AgentExceptions;
import dev.baton.runtime.internal.Json;
import dev.baton.temporal.TemporalRun;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link TemporalRun} over an untyped workflow stub: results and failures from the workflow's
 * outcome, events, status and approvals from its queries, decisions and cancellation as signals
 * and a cancel request.
 *
 * @param <R> the result type
 */
public final class ClientRun<R> implements TemporalRun<R> {
  private final WorkflowStub stub;
  private final String workflowId;
  private final Type resultType;
  private final Duration pollInterval;

  /**
   * @param stub the workflow's stub
   * @param workflowId its id
   * @param resultType the entry method's return type
   * @param pollInterval how often events are queried while the run goes on
   */
  public ClientRun(WorkflowStub stub, String workflowId, Type resultType, Duration pollInterval) {
    this.stub = stub;
    this.workflowId = workflowId;
    this.resultType = resultType;
    this.pollInterval = pollInterval;
  }

  @Override
  public String id() {
    return workflowId;
  }

  @Override
  public String workflowId() {
    return workflowId;
  }

  @Override
  public Stream<RunEvent> events() {
    Iterator<RunEvent> it = new Iterator<>() {
      private final Deque<RunEvent> buffer = new ArrayDeque<>();
      private int next;
      private boolean done;

      @Override
      public boolean hasNext() {
        while (buffer.isEmpty() && !done) {
          JsonNode page = Json.tree(stub.query(RunWorkflow.EVENTS, String.class, next));
          List<RunEvent> events = EventCodec.read(page.path("events").toString());
          next += events.size();
          buffer.addAll(events);
          if (events.isEmpty()) {
            if (page.path("done").asBoolean()) {
              done = true;
            } else {
              pause();
            }
          }
        }
        return !buffer.isEmpty();
      }

      @Override
      public RunEvent next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return buffer.poll();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  // Between queries of a workflow that has no new events yet.
  private void pause() {
    try {
      Thread.sleep(pollInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WaitInterruptedException(workflowId, e);
    }
  }

  @Override
  public R await() {
    try {
      return convert(stub.getResult(String.class));
    } catch (RuntimeException e) {
      throw outcome(e);
    }
  }

  @Override
  public R await(Duration timeout) {
    try {
      return convert(stub.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, String.class));
    } catch (TimeoutException e) {
      // The wait ran out, not the run: it goes on (as Future.get says with its TimeoutException).
      throw new WaitTimeoutException(workflowId, timeout);
    } catch (RuntimeException e) {
      throw outcome(e);
    }
  }

  // What a failed wait means: the caller's thread was interrupted (gRPC cancels the call, keeps
  // the flag and throws), or the workflow ended without a result.
  private RuntimeException outcome(RuntimeException e) {
    if (Thread.currentThread().isInterrupted()) {
      InterruptedException cause = new InterruptedException("interrupted while waiting for "
          + workflowId);
      cause.initCause(e);
      return new WaitInterruptedException(workflowId, cause);
    }
    return e instanceof WorkflowException w ? translate(w) : e;
  }

  @SuppressWarnings("unchecked")
  private R convert(String json) {
    JsonNode node = Json.tree(json);
    if (resultType instanceof ParameterizedType p && p.getRawType() == Results.class) {
      return (R) results(node, p.getActualTypeArguments()[0]);
    }
    if (resultType == void.class || resultType == Void.class) {
      return null;
    }
    return node.isNull() ? null : Json.convert(node, resultType);
  }

  private Results<Object> results(JsonNode array, Type element) {
    List<Outcome<Object>> outcomes = new ArrayList<>();
    for (JsonNode o : array) {
      String agent = o.path("agent").asText();
      outcomes.add(switch (o.path("status").asText()) {
        case "succeeded" -> new Outcome.Success<>(agent, Json.convert(o.path("value"), element),
            Duration.ZERO);
        case "failed" -> new Outcome.Failed<>(agent, failed(o, agent), Duration.ZERO);
        default -> new Outcome.TimedOut<>(agent, after(o.path("after").asText()));
      });
    }
    return Results.of(outcomes);
  }

  private static Duration after(String text) {
    try {
      return Durations.parse(text);
    } catch (RuntimeException e) {
      return Duration.ZERO;
    }
  }

  // The failed outcome's exception as in process, or, from a workflow that did not record it, a
  // plain AgentException with the text it recorded.
  private AgentException failed(JsonNode outcome, String agent) {
    AgentException typed = AgentExceptions.fromJson(workflowId, outcome.get("failure"));
    return typed != null ? typed
        : new AgentException(workflowId, agent, outcome.path("error").asText(), null);
  }

  private RuntimeException translate(WorkflowException e) {
    Throwable cause = e.getCause();
    if (cause instanceof CanceledFailure || cause instanceof TerminatedFailure) {
      return new RunCancelledException(workflowId, "", "workflow " + workflowId + " was "
          + (cause instanceof CanceledFailure ? "cancelled" : "terminated"));
    }
    if (cause instanceof TimeoutFailure) {
      return new RunTimeoutException(workflowId, "", stub.getOptions()
          .map(o -> o.getWorkflowExecutionTimeout()).orElse(Duration.ZERO));
    }
    if (cause instanceof ApplicationFailure a) {
      String path = "";
      try {
        path = a.getDetails().get(String.class);
      } catch (RuntimeException ignored) {
        // no path recorded
      }
      String message = a.getOriginalMessage();
      if ("RunTimeoutException".equals(a.getType())) {
        Duration deadline = Duration.ZERO;
        try {
          deadline = Duration.parse(a.getDetails().get(1, String.class));
        } catch (RuntimeException ignored) {
          // no deadline recorded
        }
        return new RunTimeoutException(workflowId, path == null ? "" : path, deadline);
      }
      AgentException typed = AgentFailures.decode(workflowId, a, e);
      if (typed != null) {
        return typed;
      }
      return new AgentException(workflowId, path == null ? "" : path, a.getType() + ": " + message, e);
    }
    return new AgentException(workflowId, "", "workflow " + workflowId + " failed: "
        + (cause == null ? e.getMessage() : cause.getMessage()), e);
  }

  @Override
  public boolean isDone() {
    return closedStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /** The outcome as a stage, completed by a waiting thread of the Temporal client. */
  @Override
  public CompletionStage<R> asCompletionStage() {
    return stub.getResultAsync(String.class).thenApply(this::convert).exceptionallyCompose(
        t -> CompletableFuture.failedFuture(t instanceof WorkflowException w ? translate(w)
            : t.getCause() instanceof WorkflowException w2 ? translate(w2) : t))
        .minimalCompletionStage();
  }

  // A failed workflow whose run was cancelled or passed its deadline inside the run loop.
  private RunStatus failedStatus() {
    try {
      stub.getResult(String.class);
    } catch (WorkflowException e) {
      if (e.getCause() instanceof ApplicationFailure a && ("RunTimeoutException".equals(a.getType())
          || "RunCancelledException".equals(a.getType()))) {
        return RunStatus.CANCELLED;
      }
    }
    return RunStatus.FAILED;
  }

  // A closed workflow's status comes from the service, with no worker needed; a running one's
  // from the workflow, which knows whether it waits for approvals.
  private WorkflowExecutionStatus closedStatus() {
    return stub.describe().getStatus();
  }

  @Override
  public void cancel() {
    stub.cancel();
  }

  /**
   * The run's status: for a closed workflow, from how it closed (completed: {@code SUCCEEDED};
   * cancelled, terminated or timed out, or failed because the run was cancelled or its deadline
   * passed: {@code CANCELLED}, as for a local run; otherwise failed: {@code FAILED}), read from the
   * service without a worker; for a running one, from the workflow by a query, which needs a worker
   * ({@code INTERRUPTED} while approvals are pending).
   */
  @Override
  public RunStatus status() {
    return switch (closedStatus()) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> RunStatus.SUCCEEDED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED, WORKFLOW_EXECUTION_STATUS_TERMINATED,
          WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> RunStatus.CANCELLED;
      case WORKFLOW_EXECUTION_STATUS_FAILED -> failedStatus();
      default -> RunStatus.valueOf(stub.query(RunWorkflow.STATUS, String.class));
    };
  }

  @Override
  public List<PendingApproval> approvals() {
    String json = stub.query(RunWorkflow.APPROVALS, String.class);
    return Json.convert(Json.tree(json), Json.mapper().getTypeFactory()
        .constructCollectionType(List.class, PendingApproval.class));
  }

  /**
   * Not available on Temporal: the workflow's history is the run's durable state, and the workflow
   * waits for approvals itself.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public RunState state() {
    throw new UnsupportedOperationException("a run on Temporal keeps its state in the workflow"
        + " history; approve or reject pending calls with approve(callId)/reject(callId, reason)");
  }

  @Override
  public void approve(String callId) {
    stub.signal(RunWorkflow.APPROVE, callId);
  }

  @Override
  public void reject(String callId, String reason) {
    stub.signal(RunWorkflow.REJECT, callId, reason == null ? "" : reason);
  }

  @Override
  public String toString() {
    return "TemporalRun[" + workflowId + "]";
  }
}
