package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static dev.baton.runtime.ResumeFixtures.tool;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.internal.RunImpl;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A seeded randomized stress test of the run loop: runs mixing fan-outs (fail-fast or not, bounded
 * or not, with timeouts, nested), back-handoffs, delegates, tools with side-effect counters, random
 * model latencies, failures, deadlines and cancels. After every run it checks the invariants the run
 * loop promises. {@code -Dbaton.stress.runs=N} runs more (default 120, a few seconds); {@code
 * -Dbaton.stress.seed=S} repeats a seed. The seed and the run of any failure are printed.
 */
class RunLoopStressTest {
  private static final int RUNS = Integer.getInteger("baton.stress.runs", 120);
  private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(1);

  private static AgentGraph graph(boolean failFast, int maxConcurrency, String timeout) {
    return AgentGraph.builder("Stress")
        .fanOut("fan", a -> a.input("task", String.class).output(String.class)
            .parallel("a", "b", "c").failFast(failFast).maxConcurrency(maxConcurrency).timeout(timeout))
        .llmAgent("a", a -> a.instructions("a").input("task", String.class).tool(tool("side", false)))
        .llmAgent("helper", a -> a.instructions("helper").description("Helps.")
            .input("task", String.class).tool(tool("side", false)))
        .llmAgent("worker", a -> a.instructions("worker").description("Works.")
            .input("task", String.class))
        .llmAgent("b", a -> a.instructions("b").input("task", String.class).parallel("x", "y")
            .timeout(timeout).failFast(failFast))
        .llmAgent("x", a -> a.instructions("x").input("task", String.class).tool(tool("side", false)))
        .llmAgent("y", a -> a.instructions("y").input("task", String.class).tool(tool("side", false)))
        .llmAgent("c", a -> a.instructions("c").input("task", String.class))
        .handoff("a", "helper", true)
        .delegate("a", "worker")
        .build();
  }

  /** Everything one run observed, and the checks on it. */
  private static final class Trial {
    final long seed;
    final AtomicReference<RunImpl<?>> run = new AtomicReference<>();
    final AtomicBoolean cancelReturned = new AtomicBoolean();
    final AtomicInteger modelCalls = new AtomicInteger();
    final AtomicInteger sideEffects = new AtomicInteger();
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    final int cancelAtCall;

    Trial(long seed) {
      this.seed = seed;
      SplittableRandom r = new SplittableRandom(seed);
      this.cancelAtCall = r.nextInt(6) == 0 ? 1 + r.nextInt(6) : -1;
    }

    // Work that starts after its branch was settled, or after the run's cancel() returned, must
    // find its thread interrupted (the settle cancels the scope's tasks before it says so).
    void checkStart(String what, String path) {
      RunImpl<?> r = run.get();
      if (r == null || Thread.currentThread().isInterrupted()) {
        return;
      }
      if (cancelReturned.get()) {
        violations.add(what + " started at " + path + " after cancel() returned");
      }
      for (RunEvent e : r.eventsSoFar()) {
        if (e instanceof RunEvent.BranchFinished b && !(b.outcome() instanceof Outcome.Success)
            && within(path, b.path()) && !interruptedSoon()) {
          violations.add(what + " started at " + path + " after its branch " + b.path()
              + " was settled as " + b.outcome().getClass().getSimpleName());
        }
      }
    }

    // A settlement is said (BranchFinished) before its work is interrupted, so work that passed its
    // check just before the settlement sees the event first; it must then be interrupted promptly.
    // The wait ends by that interrupt; the bound only turns a missing one into a failure.
    private static boolean interruptedSoon() {
      try {
        return new java.util.concurrent.CountDownLatch(1).await(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }

    ModelResponse answer(ModelRequest request) {
      int call = modelCalls.incrementAndGet();
      checkStart("model call", request.path());
      if (call == cancelAtCall) {
        RunImpl<?> r = run.get();
        if (r != null) {
          Thread.ofVirtual().name("stress-canceller").start(() -> {
            r.cancel();
            cancelReturned.set(true);
          });
        }
      }
      long toolResults = request.messages().stream().filter(m -> m instanceof ToolMessage).count();
      SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + request.path().hashCode() * 31L
          + request.messages().size());
      int latency = rnd.nextInt(10) == 0 ? 40 : rnd.nextInt(3);
      if (latency > 0) {
        try {
          Thread.sleep(latency); // a model's latency, not synchronization
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("model call interrupted");
        }
      }
      int choice = rnd.nextInt(10);
      if (choice == 0) {
        throw new IllegalStateException("model failure at " + request.path());
      }
      if (toolResults >= 2 || choice < 4) {
        return ModelResponse.text("done " + request.path());
      }
      String agent = request.agent();
      List<ToolCall> calls = new ArrayList<>();
      if (agent.equals("a") || agent.equals("helper") || agent.equals("x") || agent.equals("y")) {
        calls.add(new ToolCall("s" + request.messages().size(), "side", "{}"));
      }
      if (agent.equals("a") && choice >= 7) {
        calls.add(new ToolCall("h" + request.messages().size(), "transfer_to_helper",
            "{\"task\":\"help\"}"));
      }
      if (agent.equals("a") && choice >= 8) {
        calls.add(new ToolCall("w" + request.messages().size(), "worker", "{\"task\":\"work\"}"));
      }
      return calls.isEmpty() ? ModelResponse.text("done " + request.path())
          : ModelResponse.toolCalls(calls);
    }
  }

  private static boolean within(String path, String branch) {
    if (!path.startsWith(branch)) {
      return false;
    }
    if (path.length() == branch.length()) {
      return true;
    }
    char next = path.charAt(branch.length());
    return next == '/' || next == '>' || next == '+' || next == '@';
  }

  @Test
  void theRunLoopKeepsItsPromisesUnderRandomTiming() {
    long base = Long.getLong("baton.stress.seed", System.nanoTime());
    Map<String, AgentGraph> graphs = new HashMap<>();
    int ran = 0;
    for (int i = 0; i < RUNS; i++) {
      long seed = base + i;
      try {
        runOne(seed, graphs);
      } catch (AssertionError | RuntimeException e) {
        fail("stress run " + i + " failed: rerun with -Dbaton.stress.seed=" + seed
            + " -Dbaton.stress.runs=1: " + e.getMessage(), e);
      }
      ran++;
    }
    System.out.println("run-loop stress: " + ran + " runs passed, first seed " + base);
  }

  private static void runOne(long seed, Map<String, AgentGraph> graphs) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    boolean failFast = r.nextBoolean();
    int maxConcurrency = r.nextInt(3);
    String timeout = r.nextBoolean() ? "" : "30ms";
    AgentGraph g = graphs.computeIfAbsent(failFast + "/" + maxConcurrency + "/" + timeout,
        k -> graph(failFast, maxConcurrency, timeout));
    Trial trial = new Trial(seed);
    ToolInvoker tools = (name, args, context) -> {
      trial.checkStart("tool " + name, context.path());
      trial.sideEffects.incrementAndGet();
      return "side effect " + trial.sideEffects.get();
    };
    RunOptions.Builder options = RunOptions.builder().cancelGrace(Duration.ofSeconds(5));
    if (r.nextInt(8) == 0) {
      options.deadline(Duration.ofMillis(5 + r.nextInt(60)));
    }
    ScriptedModel model = ScriptedModel.builder().fallback(trial::answer).build();
    Orchestrator o = Orchestrator.builder(g).model(model).tools(OWNER, tools)
        .options(options.build()).build();
    RunImpl<?> run = (RunImpl<?>) o.start("fan", "task " + seed);
    trial.run.set(run);

    Object result = null;
    Throwable failure = null;
    try {
      result = run.await(Duration.ofSeconds(60));
    } catch (WaitTimeoutException e) {
      throw new AssertionError("the wait did not return: " + run.status(), e);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    assertTrue(run.isDone(), "the run is done after await");
    assertTrue(trial.violations.isEmpty(), () -> "violations: " + trial.violations);

    List<RunEvent> events = run.events().toList();
    checkBranchesAgainstJournal(run, events);
    if (failFast) {
      checkFailFastBound(events);
    }
    if (failure == null && result instanceof Results<?> results) {
      for (Outcome<?> outcome : results) {
        String path = "fan/" + outcome.agent();
        RunEvent.BranchFinished finished = finished(events, path);
        assertTrue(finished != null && finished.outcome().getClass() == outcome.getClass(),
            () -> "Results say " + outcome + " for " + path + ", the events " + finished);
      }
    }
    Threads.assertNoneLeft(run.id());
  }

  private static RunEvent.BranchFinished finished(List<RunEvent> events, String path) {
    RunEvent.BranchFinished found = null;
    for (RunEvent e : events) {
      if (e instanceof RunEvent.BranchFinished b && b.path().equals(path)) {
        assertTrue(found == null, () -> "two BranchFinished for " + path);
        found = b;
      }
    }
    return found;
  }

  private static void checkBranchesAgainstJournal(RunImpl<?> run, List<RunEvent> events) {
    Map<String, String> journal = new HashMap<>();
    run.state().journal().forEach(e -> journal.put(e.key(), e.value()));
    for (RunEvent e : events) {
      if (e instanceof RunEvent.BranchFinished b) {
        String recorded = journal.get(b.path() + "#outcome");
        String status = switch (b.outcome()) {
          case Outcome.Success<?> s -> "success";
          case Outcome.Failed<?> f -> "failed";
          case Outcome.TimedOut<?> t -> "timedOut";
        };
        assertTrue(recorded != null && recorded.contains("\"status\":\"" + status + "\""),
            () -> "event says " + status + " for " + b.path() + ", the journal " + recorded);
      }
    }
  }

  // A fail-fast fan-out ends within a small bound of its first failure.
  private static void checkFailFastBound(List<RunEvent> events) {
    for (String fan : List.of("fan", "fan/b")) {
      RunEvent.BranchFinished firstFailure = null;
      RunEvent.AgentFinished end = null;
      for (RunEvent e : events) {
        if (firstFailure == null && e instanceof RunEvent.BranchFinished b
            && b.outcome() instanceof Outcome.Failed && b.path().startsWith(fan + "/")
            && b.path().indexOf('/', fan.length() + 1) < 0) {
          firstFailure = b;
        }
        if (e instanceof RunEvent.AgentFinished f && f.path().equals(fan)) {
          end = f;
        }
      }
      if (firstFailure != null && end != null) {
        Duration took = Duration.between(firstFailure.at(), end.at());
        RunEvent.BranchFinished failed = firstFailure;
        assertTrue(took.compareTo(FAIL_FAST_BOUND) <= 0, () -> "fail-fast fan-out " + fan
            + " ended " + took + " after its first failure at " + failed.path());
      }
    }
  }
}
