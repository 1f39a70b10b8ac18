package dev.baton.temporal.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunState;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.RunTimeoutException;
import dev.baton.runtime.WaitInterruptedException;
import dev.baton.runtime.internal.AgentExceptions;
import dev.baton.runtime.internal.Json;
import dev.baton.runtime.internal.RunImpl;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.DynamicQueryHandler;
import io.temporal.workflow.DynamicSignalHandler;
import io.temporal.workflow.DynamicWorkflow;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Baton run as a Temporal workflow. Its type names the registered runner; its arguments are
 * the entry agent and the entry's arguments as a JSON array; its result is the entry's output as
 * JSON text.
 *
 * <p>The run loop executes here as workflow code on a {@link TemporalExec}. A tool call that needs
 * approval does not end the workflow: the run stops at the approval as it does locally, the
 * workflow waits for an {@code approve} or {@code reject} signal per pending call, and the run
 * resumes from its in-memory journal, so no completed model or tool call runs again.
 *
 * <p>Queries: {@code events} (argument: the index of the first event wanted) returns {@code
 * {"events": [...], "done": bool}}; {@code status} returns a {@link RunStatus} name ({@code
 * INTERRUPTED} while approvals are pending); {@code approvals} returns the pending approvals as a
 * JSON array.
 */
public final class RunWorkflow implements DynamicWorkflow {
  /** Query: events from an index. */
  public static final String EVENTS = "events";
  /** Query: the run's status. */
  public static final String STATUS = "status";
  /** Query: the pending approvals. */
  public static final String APPROVALS = "approvals";
  /** Signal: approve a tool call (argument: call id). */
  public static final String APPROVE = "approve";
  /** Signal: reject a tool call (arguments: call id, reason). */
  public static final String REJECT = "reject";

  private final Registry registry;
  private final List<RunEvent> earlier = new ArrayList<>();
  private final Map<String, RunState.Decision> decisions = new LinkedHashMap<>();
  private RunImpl<Object> current;
  private RunStatus status = RunStatus.RUNNING;
  private List<PendingApproval> pending = List.of();

  /** A workflow serving the runners of {@code registry}. */
  public RunWorkflow(Registry registry) {
    this.registry = registry;
  }

  @Override
  public Object execute(EncodedValues args) {
    String type = Workflow.getInfo().getWorkflowType();
    Registered r = registry.get(type);
    if (r == null) {
      throw ApplicationFailure.newNonRetryableFailure("no Baton runner is registered for workflow"
          + " type \"" + type + "\" on this worker; registered: " + registry.types(),
          "UnknownWorkflowType");
    }
    Workflow.registerListener((DynamicQueryHandler) this::query);
    Workflow.registerListener((DynamicSignalHandler) this::signal);
    String agent = args.get(0, String.class);
    String arguments = args.get(1, String.class);
    TemporalExecution execution = new TemporalExecution(type, r.modelCalls(), r.toolCalls(),
        r.toolListings());
    Orchestrator base = r.orchestrator();
    // The runner's listener and journal store do I/O and block: in a workflow, events go to the
    // query and the history is what makes the run durable. The run keeps its journal in a store in
    // workflow memory, new with every replay, so it can resume after approvals without a claim
    // on its id outliving this execution of the workflow code.
    RunOptions options = base.options().toBuilder().listener(RunListener.NONE)
        .journalStore(JournalStore.inMemory()).context(execution).build();
    Orchestrator orchestrator = base.with(options);
    String json = byName(base, agent, arguments);
    RunState state = null;
    while (true) {
      RunState from = state;
      @SuppressWarnings("unchecked")
      RunImpl<Object> run = (RunImpl<Object>) (from == null ? orchestrator.startJson(agent, json)
          : orchestrator.resume(from));
      current = run;
      status = RunStatus.RUNNING;
      try {
        Object value = run.await();
        status = RunStatus.SUCCEEDED;
        return result(value);
      } catch (ApprovalRequiredException e) {
        state = awaitDecisions(run, e.state());
      } catch (WaitInterruptedException | RunCancelledException e) {
        Thread.interrupted(); // the run loop flags the thread after a cancelled wait
        if (!CancellationScope.current().isCancelRequested()) {
          status = RunStatus.CANCELLED;
          throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "RunCancelledException",
              e.path());
        }
        // The workflow was cancelled: let the run unwind (its scopes are cancelled too).
        run.cancel();
        Workflow.newDetachedCancellationScope(() -> awaitQuietly(run)).run();
        status = RunStatus.CANCELLED;
        throw new CanceledFailure("run " + run.id() + " cancelled");
      } catch (RunTimeoutException e) {
        // As in process: the run's deadline cancels it. The deadline travels for the client.
        status = RunStatus.CANCELLED;
        throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "RunTimeoutException",
            e.path(), e.deadline().toString());
      } catch (AgentException e) {
        status = RunStatus.FAILED;
        throw failure(e);
      } catch (TemporalFailure e) {
        throw e;
      } catch (RuntimeException e) {
        // Anything else (arguments that do not bind, a bug) fails the run, not the workflow task:
        // replaying the same code would fail the same way.
        status = RunStatus.FAILED;
        throw ApplicationFailure.newNonRetryableFailure(e.getClass().getSimpleName() + ": "
            + e.getMessage(), e.getClass().getSimpleName(), "");
      }
    }
  }

  // The client sends arguments in parameter order; the runtime binds them by parameter name.
  private static String byName(Orchestrator o, String agent, String arguments) {
    List<dev.baton.graph.Input> inputs;
    try {
      inputs = o.graph().agent(agent).inputs();
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "IllegalArgumentException");
    }
    var array = Json.tree(arguments);
    if (!array.isArray() || array.size() != inputs.size()) {
      throw ApplicationFailure.newNonRetryableFailure(agent + " takes " + inputs.size()
          + " arguments, not " + arguments, "IllegalArgumentException");
    }
    ObjectNode named = Json.mapper().createObjectNode();
    for (int i = 0; i < inputs.size(); i++) {
      named.set(inputs.get(i).name(), array.get(i));
    }
    return named.toString();
  }

  private static void awaitQuietly(Run<?> run) {
    try {
      run.await();
    } catch (RuntimeException ignored) {
      // it was cancelled; its failure is known
    }
  }

  private RunState awaitDecisions(RunImpl<Object> run, RunState stopped) {
    earlier.addAll(run.eventsSoFar());
    current = null;
    pending = stopped.approvals();
    status = RunStatus.INTERRUPTED;
    Workflow.await(() -> pending.stream().allMatch(p -> decisions.containsKey(p.callId())));
    RunState next = stopped;
    for (PendingApproval p : pending) {
      RunState.Decision d = decisions.get(p.callId());
      next = d.approved() ? next.approve(p.callId()) : next.reject(p.callId(), d.reason());
    }
    pending = List.of();
    return next;
  }

  // A fan-out's failed outcomes also carry their exceptions' types and fields for the client.
  private static String result(Object value) {
    if (!(value instanceof dev.baton.Results<?> results)) {
      return Json.write(value);
    }
    var array = Json.tree(Json.write(value));
    int i = 0;
    for (Object o : results) {
      if (o instanceof dev.baton.Outcome.Failed<?> f && f.error() instanceof AgentException e
          && array.get(i) instanceof ObjectNode n) {
        n.set("failure", AgentExceptions.toJson(e));
      }
      i++;
    }
    return array.toString();
  }

  private static ApplicationFailure failure(AgentException e) {
    return AgentFailures.encode(e, false);
  }

  private Object query(String name, EncodedValues args) {
    return switch (name) {
      case EVENTS -> {
        int from = args.getSize() > 0 ? args.get(0, Integer.class) : 0;
        List<RunEvent> all = new ArrayList<>(earlier);
        if (current != null) {
          all.addAll(current.eventsSoFar());
        }
        List<RunEvent> tail = all.subList(Math.min(Math.max(0, from), all.size()), all.size());
        ObjectNode out = Json.mapper().createObjectNode();
        out.set("events", Json.tree(EventCodec.write(tail)));
        out.put("done", status.isDone());
        yield out.toString();
      }
      // Between the run stopping at an approval and the workflow waiting for decisions, the run
      // itself already knows.
      case STATUS -> (current != null && status == RunStatus.RUNNING ? current.status() : status)
          .name();
      case APPROVALS -> Json.write(pending.isEmpty() && current != null ? current.approvals()
          : pending);
      default -> throw new IllegalArgumentException("unknown query \"" + name + "\"; the queries"
          + " are " + List.of(EVENTS, STATUS, APPROVALS));
    };
  }

  private void signal(String name, EncodedValues args) {
    switch (name) {
      case APPROVE -> decisions.put(args.get(0, String.class), new RunState.Decision(true, ""));
      case REJECT -> decisions.put(args.get(0, String.class), new RunState.Decision(false,
          args.getSize() > 1 ? args.get(1, String.class) : ""));
      default -> Workflow.getLogger(RunWorkflow.class).warn("ignored unknown signal {}", name);
    }
  }
}
