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
import dev.baton.runtime.internal.exec.Exec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One fan-out: a virtual thread per branch, each on a copy of the conversation, bound to the
 * forking agent's arguments by parameter name. At the timeout, unfinished branches are interrupted
 * and recorded as timed out; with {@code failFast}, the first failure cancels the rest.
 */
final class Fork {
  private final Engine engine;
  private final Frame frame;
  private final PreparedAgent forking;
  private final Object[] args;
  private final RunImpl<?> run;
  private final ParallelSpec spec;
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
  private final List<Branch> branches = new ArrayList<>();

  private final class Branch {
    final PreparedAgent agent;
    final String path;
    final Object[] args;
    final AtomicReference<Outcome<Object>> outcome = new AtomicReference<>();
    volatile Exec.Task task;
    volatile boolean paused;

    Branch(PreparedAgent agent, String path, Object[] args) {
      this.agent = agent;
      this.path = path;
      this.args = args;
    }

    // The first outcome wins: a branch that ends after its timeout was recorded keeps "timed out".
    void settle(Outcome<Object> o) {
      if (outcome.compareAndSet(null, o)) {
        run.journal.record(path + "#outcome", () -> toJson(o));
        run.emit((seq, at) -> new RunEvent.BranchFinished(run.id(), path, seq, at, o));
      }
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

  Results<Object> run() {
    long start = run.exec.nanoTime();
    Duration timeout = spec.timeoutDuration().orElse(null);
    long deadline = timeout == null ? Long.MAX_VALUE : start + timeout.toNanos();
    for (String name : spec.agents()) {
      PreparedAgent b = engine.prepared(name);
      branches.add(new Branch(b, frame.childPath("/", name), bind(b.spec)));
    }
    Exec.Permits permits = spec.maxConcurrency() > 0 ? run.exec.permits(spec.maxConcurrency()) : null;
    Exec.Latch done = run.exec.latch(branches.size());
    try {
      for (Branch b : branches) {
        JsonNode recorded = run.journal.recorded(b.path + "#outcome");
        if (recorded != null) {
          b.outcome.set(fromJson(b, recorded));
          done.countDown();
          continue;
        }
        if (permits != null && !permits.acquire(deadline)) {
          break; // the timeout passed while waiting for a slot: the rest never start
        }
        Conversation copy = frame.conversation.copy();
        b.task = run.threads.start(b.path, () -> runBranch(b, copy, permits, done));
      }
      done.await(deadline);
    } catch (InterruptedException e) {
      branches.forEach(b -> interrupt(b));
      run.exec.keepCancelled();
      throw run.interrupted(frame.path);
    }
    run.checkCancelled(frame.path);
    Throwable failure = firstFailure.get();
    if (failure != null) {
      throw failure instanceof RuntimeException r ? r
          : new AgentException(run.id(), frame.path, Engine.describe(failure), failure);
    }
    List<Outcome<Object>> outcomes = new ArrayList<>();
    boolean paused = false;
    for (Branch b : branches) {
      if (b.outcome.get() == null && !b.paused) {
        b.settle(new Outcome.TimedOut<>(b.agent.spec.name(), timeout));
        interrupt(b);
      }
      paused |= b.paused && b.outcome.get() == null;
      outcomes.add(b.outcome.get());
    }
    if (paused) {
      throw new Pause();
    }
    return Results.of(outcomes);
  }

  private void runBranch(Branch b, Conversation conversation, Exec.Permits permits, Exec.Latch done) {
    String name = b.agent.spec.name();
    long t0 = run.exec.nanoTime();
    run.emit((seq, at) -> new RunEvent.BranchStarted(run.id(), b.path, seq, at, name));
    try {
      Object out = engine.invoke(frame, b.agent, b.args, null, b.path, conversation);
      b.settle(new Outcome.Success<>(name, out, Duration.ofNanos(run.exec.nanoTime() - t0)));
    } catch (Pause p) {
      b.paused = true;
    } catch (Throwable t) {
      if (b.outcome.get() == null && !(t instanceof RunCancelledException && run.isCancelled())) {
        if (spec.failFast() && firstFailure.compareAndSet(null, t)) {
          b.settle(new Outcome.Failed<>(name, t, Duration.ofNanos(run.exec.nanoTime() - t0)));
          cancelSiblings(b);
        } else if (!(t instanceof RunCancelledException && firstFailure.get() != null)) {
          b.settle(new Outcome.Failed<>(name, t, Duration.ofNanos(run.exec.nanoTime() - t0)));
        }
      }
    } finally {
      if (permits != null) {
        permits.release();
      }
      done.countDown();
    }
  }

  private void cancelSiblings(Branch failed) {
    for (Branch b : branches) {
      if (b != failed) {
        interrupt(b);
      }
    }
  }

  private static void interrupt(Branch b) {
    Exec.Task t = b.task;
    if (t != null) {
      t.cancel();
    }
  }

  // Branch parameters are bound by name to the forking agent's parameters (checked at compile time).
  private Object[] bind(AgentSpec branch) {
    Object[] out = new Object[branch.inputs().size()];
    for (int i = 0; i < out.length; i++) {
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

  private static JsonNode toJson(Outcome<Object> o) {
    ObjectNode n = Json.mapper().createObjectNode();
    switch (o) {
      case Outcome.Success<Object> s -> {
        n.put("status", "success");
        n.set("value", Json.toTree(s.value()));
        n.put("tookMs", s.took().toMillis());
      }
      case Outcome.Failed<Object> f -> {
        n.put("status", "failed");
        n.put("error", Engine.describe(f.error()));
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
    String name = b.agent.spec.name();
    return switch (n.path("status").asText()) {
      case "success" -> new Outcome.Success<>(name, b.agent.readOutput(n.path("value")),
          Duration.ofMillis(n.path("tookMs").asLong()));
      case "failed" -> new Outcome.Failed<>(name, new AgentException(run.id(), b.path,
          n.path("error").asText(), null), Duration.ofMillis(n.path("tookMs").asLong()));
      default -> new Outcome.TimedOut<>(name, Duration.ofMillis(n.path("afterMs").asLong()));
    };
  }
}
