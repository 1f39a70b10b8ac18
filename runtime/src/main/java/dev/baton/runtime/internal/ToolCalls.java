package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.graph.Edge;
import dev.baton.graph.EdgeKind;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunSetupException;
import dev.baton.runtime.RunState;
import dev.baton.runtime.ToolArgumentException;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.ToolInvoker;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Executes the tool calls of one model turn: tools, back-handoffs and delegates concurrently, each
 * on its own virtual thread; the first one-way handoff wins and every other gets an error result.
 * Failures of a call become error results the model sees; cancellation and approval pauses unwind.
 */
final class ToolCalls {
  /** The results in call order, and the one-way handoff to follow, if any. */
  record Turn(List<ToolMessage> results, Supplier<Object> handoff) {}

  private final Engine engine;
  private final Frame frame;
  private final PreparedAgent agent;
  private final RunImpl<?> run;
  private final int turn;
  private final ToolMenu menu;
  private boolean concurrent;
  private final java.util.IdentityHashMap<ToolCall, Integer> positions = new java.util.IdentityHashMap<>();

  ToolCalls(Engine engine, Frame frame, PreparedAgent agent, int turn) {
    this(engine, frame, agent, turn, agent.menu);
  }

  ToolCalls(Engine engine, Frame frame, PreparedAgent agent, int turn, ToolMenu menu) {
    this.menu = menu;
    this.engine = engine;
    this.frame = frame;
    this.agent = agent;
    this.run = frame.run;
    this.turn = turn;
  }

  // Keyed by turn as well as call id: ids are only unique within one response, and some servers
  // (and a ScriptedModel restarted for a resume) reuse them across turns.
  // and by the call's position in the response: servers may send one id twice in one response,
  // and ids are the server's choice, so nothing may rely on them alone.
  private String resultKey(ToolCall call) {
    return frame.path + "#t" + turn + "." + indexOf(call) + ":" + call.id();
  }

  private int indexOf(ToolCall call) {
    Integer i = positions.get(call);
    if (i == null) {
      throw new IllegalStateException("tool call not of this turn: " + call);
    }
    return i;
  }

  /**
   * The id of one call occurrence, under which a person approves it: the server's id, the path, the
   * turn and the position in the response, and a digest of the run, tool and arguments. A call that
   * differs in anything (another turn, run, tool or arguments) has another id, so an approval
   * covers exactly the call that was shown, whatever ids the server reuses.
   */
  private String occurrenceId(ToolCall call) {
    return call.id() + "@" + frame.path + "#t" + turn + "." + indexOf(call) + "-"
        + GraphFingerprint.shortDigest(run.id() + "\u0000" + call.name() + "\u0000" + call.arguments());
  }

  // Agents that a tool calls are children of the calling agent. When the calls of a turn run
  // concurrently, their children would be numbered in whatever order the threads get there, so
  // each call numbers its own (paths "agent/child@callId"), the same on every replay.
  private Frame frameFor(ToolCall call) {
    return concurrent ? frame.scopedTo(call.id()) : frame;
  }

  // What the tool's own thread sees: the invocation, in the scope of this turn's calls.
  private static Frame current() {
    return Frame.current();
  }

  Turn execute(List<ToolCall> calls) {
    int n = calls.size();
    for (int i = 0; i < n; i++) {
      positions.put(calls.get(i), i);
    }
    concurrent = n > 1;
    ToolMessage[] results = new ToolMessage[n];
    Supplier<?>[] work = new Supplier<?>[n];
    Supplier<Object> handoff = null;
    Edge winner = null;
    for (int i = 0; i < n; i++) {
      ToolCall call = calls.get(i);
      JsonNode recorded = run.journal.recorded(resultKey(call));
      Edge h = agent.handoffsByTool.get(call.name());
      if (recorded == null || (h != null && h.kind() == EdgeKind.HANDOFF)) {
        // A call answered from the journal on resume did not happen again: no event says it did.
        run.emit((seq, at) -> new RunEvent.ToolCalled(run.id(), frame.path, seq, at, call.name(),
            call.id(), call.arguments()));
      }
      if (h != null && h.kind() == EdgeKind.HANDOFF) {
        if (winner != null) {
          results[i] = error(call, "only one handoff per turn: the conversation already goes to \""
              + winner.to() + "\"", Duration.ZERO);
          continue;
        }
        Object[] args;
        try {
          args = engine.prepared(h.to()).bind(ToolArguments.parse(call.name(), call.arguments()));
        } catch (IllegalArgumentException e) {
          results[i] = error(call, "invalid arguments for " + call.name() + ": " + e.getMessage(),
              Duration.ZERO);
          continue;
        }
        winner = h;
        Edge edge = h;
        String path = frame.childPath(">", h.to());
        results[i] = returned(call, "Transferred to " + h.to() + ".", false, Duration.ZERO);
        handoff = () -> {
          run.emit((seq, at) -> new RunEvent.HandoffOccurred(run.id(), frame.path, seq, at,
              frame.agent.name(), edge.to(), false));
          return engine.invoke(frame, engine.prepared(edge.to()), args, null, path, frame.conversation);
        };
      } else if (h != null) {
        // Paths are numbered whether or not the call is replayed, so they stay the same on resume.
        String path = frame.childPath(">", h.to());
        work[i] = recorded != null ? null : () -> backHandoff(call, h, path);
        results[i] = recorded != null ? fromJournal(call, recorded) : null;
      } else if (agent.delegatesByTool.containsKey(call.name())) {
        Edge d = agent.delegatesByTool.get(call.name());
        String path = frame.childPath("+", d.to());
        work[i] = recorded != null ? null : () -> delegate(call, d, path);
        results[i] = recorded != null ? fromJournal(call, recorded) : null;
      } else if (recorded != null) {
        results[i] = fromJournal(call, recorded);
      } else if (agent.toolsByName.containsKey(call.name())) {
        ToolSpec spec = agent.toolsByName.get(call.name());
        ToolInvoker invoker = engine.tools.get(spec.owner());
        work[i] = () -> tool(call, spec.approval(),
            (arguments, context) -> run.execution.invokeTool(resultKey(call), spec.owner(), invoker,
                call.name(), arguments, context));
      } else if (menu.dynamic().containsKey(call.name())) {
        ToolMenu.Entry entry = menu.dynamic().get(call.name());
        work[i] = () -> tool(call, entry.spec().approval(),
            (arguments, context) -> run.execution.callToolset(resultKey(call), entry.toolset(),
                entry.source(), call.name(), arguments, context));
      } else {
        results[i] = error(call, "no tool named \"" + call.name() + "\"; the tools are "
            + menu.definitions().stream().map(t -> t.name()).toList(), Duration.ZERO);
      }
    }
    runConcurrently(work, results, calls);
    return new Turn(List.of(results), handoff);
  }

  // Runs the pending calls, each as a task of its own (also a single one: the invoking thread never
  // runs user code it could not walk away from), waits until all are done or the invocation is
  // settled, and then unwinds if one of them was cancelled or paused for approval. Settled: the
  // calls are cancelled and abandoned to the run's end, which gives them their grace.
  private void runConcurrently(Supplier<?>[] work, ToolMessage[] results, List<ToolCall> calls) {
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < work.length; i++) {
      if (work[i] != null) {
        pending.add(i);
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    run.check(frame);
    Throwable[] failures = new Throwable[work.length];
    AtomicInteger left = new AtomicInteger(pending.size());
    Scope scope = frame.scope.child();
    try {
      for (int i : pending) {
        ToolCall call = calls.get(i);
        Frame callFrame = frameFor(call).inScope(scope);
        run.threads.start(frame.path + " tool " + call.name(), scope, () -> {
          Frame previous = Frame.enter(callFrame);
          try {
            results[i] = (ToolMessage) work[i].get();
          } catch (Throwable t) {
            failures[i] = t;
          } finally {
            Frame.exit(previous);
            left.decrementAndGet();
            run.execution.signal();
          }
        });
      }
      run.execution.awaitUntil(() -> left.get() == 0 || frame.scope.isCancelled(), Long.MAX_VALUE);
    } catch (InterruptedException e) {
      scope.cancel("its invocation was interrupted");
      throw run.stopped(frame);
    } finally {
      frame.scope.remove(scope);
    }
    if (frame.scope.isCancelled()) {
      scope.cancel("its invocation was stopped");
      throw run.stopped(frame);
    }
    Throwable pause = null;
    for (Throwable t : failures) {
      if (t instanceof Pause) {
        pause = t;
      } else if (t instanceof RuntimeException r) {
        throw r;
      } else if (t instanceof Error e) {
        throw e;
      }
    }
    if (pause != null) {
      throw (Pause) pause;
    }
  }

  /** Where one tool call goes: a generated invoker or a toolset. */
  @FunctionalInterface
  private interface Target {
    Object call(ToolArguments arguments, Frame context) throws Exception;
  }

  private ToolMessage tool(ToolCall call, boolean approval, Target target) {
    if (approval) {
      String occurrence = occurrenceId(call);
      RunState.Decision d = run.decision(occurrence);
      if (d == null) {
        PendingApproval pending = new PendingApproval(occurrence, call.name(), call.arguments(),
            frame.path);
        // Journaled, so that a resumed state can only decide calls its journal shows as asked.
        run.journal.record(frame.path + "#a" + turn + "." + indexOf(call), () -> {
          ObjectNode node = Json.mapper().createObjectNode();
          node.put("callId", occurrence).put("tool", call.name()).put("arguments", call.arguments());
          return node;
        });
        run.requestApproval(pending);
        throw new Pause();
      }
      if (!d.approved()) {
        return record(call, error(call, "a human rejected this call: " + d.reason(), Duration.ZERO));
      }
    }
    long t0 = System.nanoTime();
    Object value;
    Frame context = current();
    try {
      run.check(context);
      ToolArguments arguments = ToolArguments.parse(call.name(), call.arguments());
      value = target.call(arguments, context);
      run.check(context); // settled while it ran: the late result is dropped
    } catch (RunCancelledException | RunSetupException e) {
      throw e; // a setup error fails the run (it stopped it), never a result the model sees
    } catch (ToolArgumentException e) {
      return record(call, error(call, e.getMessage(), since(t0)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw run.interrupted(frame.path);
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted() || context.scope.isCancelled()) {
        throw run.stopped(context);
      }
      return record(call, error(call, "tool " + call.name() + " failed: " + Engine.describe(e), since(t0)));
    } catch (VirtualMachineError e) {
      run.fatalError(e); // never a result the model sees
      throw e;
    }
    String content = value == null ? "ok" : Json.text(value);
    return record(call, returned(call, content, false, since(t0)));
  }

  private ToolMessage backHandoff(ToolCall call, Edge edge, String path) {
    return agentCall(call, edge, path, true);
  }

  private ToolMessage delegate(ToolCall call, Edge edge, String path) {
    return agentCall(call, edge, path, false);
  }

  private ToolMessage agentCall(ToolCall call, Edge edge, String path, boolean handoff) {
    long t0 = System.nanoTime();
    PreparedAgent target = engine.prepared(edge.to());
    Object[] args;
    try {
      args = target.bind(ToolArguments.parse(call.name(), call.arguments()));
    } catch (IllegalArgumentException e) {
      return record(call, error(call, "invalid arguments for " + call.name() + ": " + e.getMessage(),
          since(t0)));
    }
    if (handoff) {
      run.emit((seq, at) -> new RunEvent.HandoffOccurred(run.id(), frame.path, seq, at,
          frame.agent.name(), edge.to(), true));
    }
    Object out;
    Frame context = current();
    try {
      run.check(context);
      out = engine.invoke(context, target, args, null, path,
          handoff ? frame.conversation.copy() : new Conversation());
    } catch (Pause | RunCancelledException | RunSetupException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted() || context.scope.isCancelled()) {
        throw run.stopped(context);
      }
      return record(call, error(call, edge.to() + " failed: " + Engine.describe(e), since(t0)));
    }
    if (handoff) {
      run.emit((seq, at) -> new RunEvent.HandedBack(run.id(), path, seq, at, edge.to(),
          frame.agent.name()));
    }
    return record(call, returned(call, out == null ? "null" : Json.text(out), false, since(t0)));
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private ToolMessage error(ToolCall call, String message, Duration took) {
    return returned(call, "Error: " + message, true, took);
  }

  private ToolMessage returned(ToolCall call, String content, boolean error, Duration took) {
    run.emit((seq, at) -> new RunEvent.ToolReturned(run.id(), frame.path, seq, at, call.name(),
        call.id(), content, error, took));
    return new ToolMessage(call.id(), call.name(), content, error);
  }

  private ToolMessage record(ToolCall call, ToolMessage result) {
    run.journal.record(resultKey(call), () -> {
      ObjectNode node = Json.mapper().createObjectNode();
      node.put("content", result.content());
      node.put("error", result.error());
      return node;
    });
    return result;
  }

  private ToolMessage fromJournal(ToolCall call, JsonNode recorded) {
    return new ToolMessage(call.id(), call.name(), recorded.path("content").asText(),
        recorded.path("error").asBoolean());
  }
}
