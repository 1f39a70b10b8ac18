package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentSpec;
import dev.baton.graph.ParallelSpec;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.baton.runtime.internal.exec.Execution;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One fan-out: a task per branch, each on a copy of the conversation, bound to the forking agent's
 * arguments by parameter name, each in a {@link Scope} of its own. A fork over elements ({@link
 * ParallelSpec#over()}) has one branch of its single agent per element, named {@code agent[i]}. A branch is settled once, by the
 * first of: its result, its failure, the timeout, or a sibling failing fast; settling anything but a
 * success cancels the branch's scope for good, so nothing more starts in it and what it returns
 * later is dropped. The fan-out itself waits for nothing beyond that: with {@code failFast} it
 * returns as soon as the first failure is recorded, at the timeout it returns at once.
 */
final class Fork {
  private static final VarHandle OUTCOME =
      VarHandles.field(MethodHandles.lookup(), Branch.class, "outcome", Outcome.class);

  private final Engine engine;
  private final Frame frame;
  private final PreparedAgent forking;
  private final Object[] args;
  private final RunImpl<?> run;
  private final ParallelSpec spec;
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
  private final List<Branch> branches = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger unfinished = new AtomicInteger();

  // A branch is its task's body: one object and one stack frame from its thread's start to the
  // invocation it runs. A branch on a thread of its own counts itself out once its task is done
  // (afterDone), so the fan-out wakes when its branches' threads are on their last instructions
  // and the run's end finds their tasks done; the last branch, when the forking thread runs it,
  // counts itself out after its body.
  private final class Branch implements Execution.CompletingBody {
    final PreparedAgent agent;
    // The agent's name, or name[i] for the i-th element of a fork over elements: the outcome's name.
    final String label;
    final String path;
    final Object[] args;
    // Set once, by compare-and-set through OUTCOME: a field rather than an AtomicReference per
    // branch.
    volatile Outcome<Object> outcome;
    Scope scope;
    // The branch's own copy of the forking conversation, set before its task starts.
    Conversation conversation;
    volatile boolean paused;

    Branch(PreparedAgent agent, String label, String path, Object[] args) {
      this.agent = agent;
      this.label = label;
      this.path = path;
      this.args = args;
    }

    // The first outcome wins: a branch that ends after its timeout was recorded keeps "timed out",
    // and its late result is dropped.
    boolean settle(Outcome<Object> o, String stopReason) {
      if (!OUTCOME.compareAndSet(this, null, o)) {
        if (!(o instanceof Outcome.Failed<Object> f && f.error() instanceof RunCancelledException)) {
          // An interrupted branch unwinds with a cancellation; only a real late result is news.
          RunLog.droppedLateResult(run.id(), path, outcome.getClass().getSimpleName());
        }
        return false;
      }
      // Nothing new starts in the branch from here; the outcome is recorded and said before the
      // branch's work is interrupted, so its abandoned calls report after BranchFinished.
      boolean stop = stopReason != null && scope != null && scope.mark(stopReason);
      run.journal.record(path + "#outcome", () -> toJson(o, path));
      run.emit((seq, at) -> new RunEvent.BranchFinished(run.id(), path, seq, at, o));
      if (stop) {
        scope.interruptTasks();
      }
      return true;
    }

    @Override
    public void run() {
      String name = label;
      long t0 = run.execution.nanoTime();
      try {
        run.check(frame.path, scope);
        run.emit((seq, at) -> new RunEvent.BranchStarted(run.id(), path, seq, at, name));
        Object out = engine.invoke(frame, scope, agent, args, null, path, conversation);
        settle(new Outcome.Success<>(name, out, since(t0)), null);
      } catch (Pause p) {
        paused = true;
      } catch (VirtualMachineError e) {
        // A JVM error is never an outcome: it fails the fan-out and the run.
        run.fatalError(e);
        firstFailure.compareAndSet(null, e);
        stopAll("the run stopped: " + Engine.describe(e));
      } catch (Throwable t) {
        // A cancellation that arrived as this thread's interrupt is no outcome of the branch: on a
        // branch's own thread the scope is settled before its interrupt, and on the forking thread
        // (the last branch) the fan-out itself handles the interrupt next.
        boolean interrupted = t instanceof RunCancelledException
            && Thread.currentThread().isInterrupted();
        if (outcome == null && !scope.isCancelled() && !interrupted) {
          if (spec.failFast()) {
            if (firstFailure.compareAndSet(null, t)) {
              settle(new Outcome.Failed<>(name, t, since(t0)), "it failed");
              stopAll("a sibling branch failed fast: " + Engine.describe(t));
            }
          } else {
            settle(new Outcome.Failed<>(name, t, since(t0)), "it failed");
          }
        }
      }
    }

    @Override
    public void afterDone() {
      inFlight.decrementAndGet();
      unfinished.decrementAndGet();
    }
  }

  Fork(Engine engine, Frame frame, PreparedAgent forking, Object[] args) {
    this.engine = engine;
    this.frame = frame;
    this.forking = forking;
    this.args = args;
    this.run = frame.run;
    this.spec = forking.spec.parallel();
  }

  // Stop starting and stop waiting: the first failure of a fail-fast fan-out, or this invocation
  // itself settled (its own branch timed out, the run was cancelled).
  private boolean stopped() {
    return (spec.failFast() && firstFailure.get() != null) || frame.scope.isCancelled();
  }

  Results<Object> run() {
    run.check(frame);
    Execution ex = run.execution;
    long start = ex.nanoTime();
    Duration timeout = spec.timeoutDuration().orElse(null);
    long deadline = timeout == null ? Long.MAX_VALUE : start + timeout.toNanos();
    if (spec.isOverElements()) {
      // One branch of the single agent per element, in iteration order: checkAll/checkClaim[3].
      PreparedAgent b = engine.prepared(spec.agents().get(0));
      List<Object> elements = elements(args[indexOf(forking.spec, spec.over())]);
      for (int i = 0; i < elements.size(); i++) {
        String label = b.spec.name() + "[" + i + "]";
        branches.add(new Branch(b, label, frame.childPath("/", label), bind(b.spec, elements.get(i))));
      }
    } else {
      for (String name : spec.agents()) {
        PreparedAgent b = engine.prepared(name);
        branches.add(new Branch(b, name, frame.childPath("/", name), bind(b.spec, null)));
      }
    }
    int max = spec.maxConcurrency();
    // Without a timeout or fail-fast nothing settles a branch but its own end or a cancellation of
    // the fan-out itself, which reaches the forking thread as it reaches any thread of the run: the
    // last branch then runs on the forking thread, which would otherwise only wait.
    Branch last = timeout == null && !spec.failFast() && !branches.isEmpty()
        ? branches.get(branches.size() - 1) : null;
    Branch inline = null;
    try {
      for (Branch b : branches) {
        JsonNode recorded = run.journal.recorded(b.path + "#outcome");
        if (recorded != null) {
          b.outcome = fromJson(b, recorded);
          continue;
        }
        if (max > 0 && !ex.awaitUntil(() -> inFlight.get() < max || stopped(), deadline)) {
          break; // the timeout passed while waiting for a slot: the rest never start
        }
        if (stopped()) {
          break; // a sibling failed fast, or this fan-out was settled: the rest never start
        }
        inFlight.incrementAndGet();
        unfinished.incrementAndGet();
        b.scope = frame.scope.child();
        b.conversation = frame.conversation.copy();
        if (b == last) {
          inline = b;
        } else {
          try {
            run.threads.start(b.path, b.scope, b);
          } catch (RuntimeException e) {
            // The execution refused the branch its task (its scheduler rejected the thread).
            throw new AgentException(run.id(), b.path, "its branch could not start: "
                + Engine.describe(e), e);
          }
        }
      }
      if (inline != null) {
        try {
          inline.run();
        } finally {
          inline.afterDone();
        }
      }
      ex.awaitUntil(() -> unfinished.get() == 0 || stopped(), deadline);
    } catch (InterruptedException e) {
      stopAll("its fan-out was interrupted");
      throw run.stopped(frame);
    } catch (RuntimeException | Error e) {
      // A branch whose task could not start, or a failure of the forking thread itself: the
      // branches already started end with the fan-out instead of running on unseen (their scopes
      // are forgotten below, so nothing around the fan-out could reach them any more).
      stopAll("its fan-out failed: " + Engine.describe(e));
      throw e;
    } finally {
      for (Branch b : branches) {
        if (b.scope != null) {
          frame.scope.remove(b.scope);
        }
      }
    }
    if (frame.scope.isCancelled()) {
      stopAll("its fan-out was cancelled");
      throw run.stopped(frame);
    }
    Throwable failure = firstFailure.get();
    if (failure != null) {
      stopAll("a sibling branch failed fast");
      if (failure instanceof Error e) {
        throw e;
      }
      throw failure instanceof RuntimeException r ? r
          : new AgentException(run.id(), frame.path, Engine.describe(failure), failure);
    }
    List<Outcome<Object>> outcomes = new ArrayList<>();
    boolean paused = false;
    for (Branch b : branches) {
      if (b.outcome == null && !b.paused) {
        b.settle(new Outcome.TimedOut<>(b.label, timeout), "its fan-out branch timed"
            + " out after " + timeout);
      }
      paused |= b.paused && b.outcome == null;
      outcomes.add(b.outcome);
    }
    if (paused) {
      throw new Pause();
    }
    return Results.of(outcomes);
  }

  private void stopAll(String reason) {
    for (Branch b : branches) {
      if (b.scope != null) {
        b.scope.cancel(reason);
      }
    }
  }

  private Duration since(long t0) {
    return Duration.ofNanos(run.execution.nanoTime() - t0);
  }

  // The elements of a List, Set or array argument, in iteration order; none for null.
  private static List<Object> elements(Object collection) {
    List<Object> out = new ArrayList<>();
    if (collection instanceof Iterable<?> it) {
      it.forEach(out::add);
    } else if (collection != null && collection.getClass().isArray()) {
      for (int i = 0; i < java.lang.reflect.Array.getLength(collection); i++) {
        out.add(java.lang.reflect.Array.get(collection, i));
      }
    }
    return out;
  }

  // Branch parameters are bound by name to the forking agent's parameters (checked at compile time);
  // in a fork over elements, the element is the first parameter.
  private Object[] bind(AgentSpec branch, Object element) {
    Object[] out = new Object[branch.inputs().size()];
    int first = 0;
    if (spec.isOverElements() && out.length > 0) {
      out[0] = element;
      first = 1;
    }
    for (int i = first; i < out.length; i++) {
      String name = branch.inputs().get(i).name();
      int j = indexOf(forking.spec, name);
      if (j < 0) {
        throw new IllegalStateException("branch \"" + branch.name() + "\" takes \"" + name + "\", which \""
            + forking.spec.name() + "\" does not have");
      }
      out[i] = args[j];
    }
    return out;
  }

  private static int indexOf(AgentSpec a, String input) {
    for (int i = 0; i < a.inputs().size(); i++) {
      if (a.inputs().get(i).name().equals(input)) {
        return i;
      }
    }
    return -1;
  }

  // A failure is written with its type, path, message and typed fields (AgentExceptions), never
  // its cause, and with its text under "error" as journals before types were recorded had it.
  private JsonNode toJson(Outcome<Object> o, String path) {
    ObjectNode n = Json.mapper().createObjectNode();
    switch (o) {
      case Outcome.Success<Object> s -> {
        n.put("status", "success");
        n.set("value", Json.toTree(s.value()));
        n.put("tookMs", s.took().toMillis());
      }
      case Outcome.Failed<Object> f -> {
        AgentException e = AgentExceptions.standIn(run.id(), path, f.error());
        ObjectNode failure = AgentExceptions.toJson(e);
        // A branch may fail with another run's exception (a code agent that called a runner).
        failure.put("runId", e.runId());
        n.put("status", "failed");
        n.put("error", Engine.describe(f.error()));
        n.set("failure", failure);
        n.put("tookMs", f.took().toMillis());
      }
      case Outcome.TimedOut<Object> t -> {
        n.put("status", "timedOut");
        n.put("afterMs", t.after().toMillis());
      }
    }
    return n;
  }

  private Outcome<Object> fromJson(Branch b, JsonNode n) {
    String name = b.label;
    return switch (n.path("status").asText()) {
      case "success" -> new Outcome.Success<>(name, b.agent.readOutput(n.path("value")),
          Duration.ofMillis(n.path("tookMs").asLong()));
      case "failed" -> new Outcome.Failed<>(name, failure(b, n),
          Duration.ofMillis(n.path("tookMs").asLong()));
      default -> new Outcome.TimedOut<>(name, Duration.ofMillis(n.path("afterMs").asLong()));
    };
  }

  // The recorded failure with its type; a type this version does not know, or an entry written
  // before types were recorded, comes back as a plain AgentException with the recorded text.
  private AgentException failure(Branch b, JsonNode n) {
    JsonNode recorded = n.get("failure");
    String error = n.path("error").asText();
    if (recorded == null || !recorded.isObject()) {
      return new AgentException(run.id(), b.path, error, null);
    }
    AgentException typed = AgentExceptions.fromJson(recorded.path("runId").asText(run.id()),
        recorded);
    return typed != null ? typed
        : new AgentException(run.id(), recorded.path("path").asText(b.path), error, null);
  }
}
