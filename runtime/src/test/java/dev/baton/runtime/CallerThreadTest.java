package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static dev.baton.runtime.ResumeFixtures.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A blocking call runs on its caller's thread when it has no deadline, and a fan-out runs its last
 * branch on the forking thread; to whoever calls, that must look exactly like a call whose entry
 * runs on a task of the run. Interrupting the caller (before or during the call) cancels the run:
 * {@code RunCancelledException}, the interrupt flag kept, the run ends {@code CANCELLED} in its
 * events and its journal.
 */
@ExtendWith(NoRunThreadsLeft.class)
class CallerThreadTest {
  private static AgentGraph single() {
    return AgentGraph.builder("One")
        .llmAgent("desk", a -> a.instructions("Help.").input("m", String.class)).build();
  }

  /** What a caller sees when interrupted before or while the model answers. */
  private record Seen(Throwable thrown, boolean flagAfter, RunEvent last, String endRecord) {}

  // A model that counts down {@code entered}, then answers "late" only once its thread is
  // interrupted, keeping the flag set.
  private static ScriptedModel lateOnInterrupt(CountDownLatch entered) {
    return ScriptedModel.builder().fallback(r -> {
      entered.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ModelResponse.text("late");
    }).build();
  }

  private static Seen call(boolean fork, boolean beforeCalling, boolean deadline)
      throws InterruptedException {
    CountDownLatch inModel = new CountDownLatch(1);
    // Answers only when interrupted: a run on a task of its own cannot end before its caller's
    // wait sees the caller's interrupt.
    ScriptedModel model = lateOnInterrupt(inModel);
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    JournalStore store = JournalStore.inMemory();
    RunOptions.Builder options = RunOptions.builder().listener(events::add).journalStore(store);
    if (deadline) {
      options.deadline(Duration.ofMinutes(10)); // the entry then runs on a task of the run
    }
    Orchestrator o = Orchestrator.builder(fork ? FanOutTest.review("", false, 0) : single())
        .model(model).options(options.build()).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flag = new AtomicBoolean();
    Thread caller = Thread.ofPlatform().start(() -> {
      if (beforeCalling) {
        Thread.currentThread().interrupt();
      }
      try {
        o.call(fork ? "review" : "desk", "d");
      } catch (Throwable t) {
        thrown.set(t);
      }
      flag.set(Thread.currentThread().isInterrupted());
    });
    if (!beforeCalling) {
      inModel.await();
      caller.interrupt();
    }
    caller.join();
    String runId = events.get(0).runId();
    String end = store.load(runId).stream().filter(e -> e.key().equals(JournalStore.END_KEY))
        .map(JournalEntry::value).findFirst().orElse("none");
    return new Seen(thrown.get(), flag.get(), events.get(events.size() - 1), end);
  }

  @Test
  void interruptingTheCallerCancelsTheRunWhereverItsEntryRuns() throws Exception {
    for (boolean fork : new boolean[] {false, true}) {
      for (boolean before : new boolean[] {false, true}) {
        for (boolean deadline : new boolean[] {true, false}) {
          String what = (fork ? "fan-out" : "single agent") + (before ? ", interrupted before"
              : ", interrupted during") + (deadline ? ", with a deadline" : ", on the caller");
          Seen seen = call(fork, before, deadline);
          assertInstanceOf(RunCancelledException.class, seen.thrown(), what);
          assertTrue(seen.flagAfter(), what + ": the caller's interrupt flag is kept");
          RunEvent.RunFailed failed = assertInstanceOf(RunEvent.RunFailed.class, seen.last(), what);
          assertEquals(RunStatus.CANCELLED, failed.status(), what);
          assertTrue(seen.endRecord().contains("CANCELLED"), what + ": " + seen.endRecord());
        }
      }
    }
  }

  @Test
  void aToolIgnoringInterruptsInTheCallersBranchIsAbandonedAndTheCallerGetsControlBack()
      throws Exception {
    AgentGraph g = AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("d", String.class).output(String.class)
            .parallel("quick", "slow"))
        .llmAgent("quick", a -> a.instructions("x").input("d", String.class))
        .llmAgent("slow", a -> a.instructions("x").input("d", String.class)
            .tool(tool("stuck", false)))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("slow", s -> s.call("stuck", "{}").reply("never"))
        .agent("quick", s -> s.reply("done")).build();
    RunLoopGuaranteesTest.Tools tools = new RunLoopGuaranteesTest.Tools();
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    Orchestrator o = Orchestrator.builder(g).model(model).tools(OWNER, tools)
        .options(RunOptions.builder().cancelGrace(Duration.ZERO).listener(events::add).build())
        .build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flag = new AtomicBoolean();
    Thread caller = Thread.ofPlatform().start(() -> {
      try {
        o.call("review", "d"); // no deadline: "slow", the last branch, runs on this thread
      } catch (Throwable t) {
        thrown.set(t);
      }
      flag.set(Thread.currentThread().isInterrupted());
    });
    try {
      assertTrue(tools.stuckEntered.await(20, java.util.concurrent.TimeUnit.SECONDS));
      caller.interrupt();
      caller.join(); // the tool still ignores its interrupt: the caller has control back anyway
      assertInstanceOf(RunCancelledException.class, thrown.get());
      assertTrue(flag.get(), "the caller's interrupt flag is kept");
      assertTrue(tools.stuckOn.get() != caller, "the tool ran on a task of its own");
      assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.WorkAbandoned a
          && a.path().equals("review/slow") && a.work().contains("stuck")), () -> "" + events);
    } finally {
      tools.release.countDown();
      tools.stuckRun.get().awaitAllWork();
    }
  }

  /** A context object no run has. */
  record Missing() {}

  @Test
  void aSiblingStoppingTheRunInterruptsTheCallerWithoutLeavingItsFlagSet() throws Exception {
    AgentGraph g = AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("d", String.class).output(String.class)
            .parallel("broken", "waiting"))
        .codeAgent("broken", a -> a.input("d", String.class).output(String.class))
        .llmAgent("waiting", a -> a.instructions("x").input("d", String.class))
        .build();
    CountDownLatch waiting = new CountDownLatch(1);
    ScriptedModel model = lateOnInterrupt(waiting);
    Orchestrator o = Orchestrator.builder(g).model(model)
        .codeAgent("broken", (self, args) -> {
          waiting.await(); // the caller's thread is in the last branch's model call
          return RunContext.current().get(Missing.class).toString();
        }).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flag = new AtomicBoolean(true);
    Thread caller = Thread.ofPlatform().start(() -> {
      try {
        o.call("review", "d");
      } catch (Throwable t) {
        thrown.set(t);
      }
      flag.set(Thread.currentThread().isInterrupted());
    });
    caller.join();
    assertInstanceOf(RunSetupException.class, thrown.get());
    assertFalse(flag.get(), "the run's own interrupt is not left on the caller's thread");
  }

  @Test
  void theCallersBranchSeesItsOwnContextAndANestedRunAndTheForkingAgentGetsItsBack() {
    AgentGraph inner = AgentGraph.builder("Inner")
        .llmAgent("echo", a -> a.instructions("Echo.").input("q", String.class)).build();
    Orchestrator other = Orchestrator.builder(inner)
        .model(ScriptedModel.builder().fallback(r -> ModelResponse.text("inner")).build()).build();
    AgentGraph g = AgentGraph.builder("Outer")
        .codeAgent("boss", a -> a.input("q", String.class).output(String.class))
        .fanOut("review", a -> a.input("q", String.class).output(String.class)
            .parallel("a", "b", "c"))
        .codeAgent("a", a -> a.input("q", String.class).output(String.class))
        .codeAgent("b", a -> a.input("q", String.class).output(String.class))
        .codeAgent("c", a -> a.input("q", String.class).output(String.class))
        .build();
    Thread caller = Thread.currentThread();
    java.util.Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    Orchestrator.Builder ob = Orchestrator.builder(g)
        .options(RunOptions.builder().listener(events::add).build());
    for (String n : new String[] {"a", "b", "c"}) {
      ob.codeAgent(n, (self, args) -> {
        String path = RunContext.current().path();
        String nested = other.call("echo", "q"); // another run, from inside this one
        seen.put(n, path + (Thread.currentThread() == caller ? " on the caller" : "") + ", "
            + nested + ", then " + RunContext.current().path());
        return n;
      });
    }
    ob.codeAgent("boss", (self, args) -> {
      Object r = self.call("review", args[0]);
      seen.put("boss", RunContext.current().path() + " " + r);
      return "done";
    });

    assertEquals("done", ob.build().call("boss", "q"));

    assertEquals("boss/review/c on the caller, inner, then boss/review/c", seen.get("c"));
    assertEquals("boss/review/a, inner, then boss/review/a", seen.get("a"));
    assertTrue(seen.get("boss").startsWith("boss "), seen.get("boss"));
    for (String n : new String[] {"a", "b", "c"}) {
      assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.BranchFinished f
          && f.path().equals("boss/review/" + n)), n);
    }
    assertFalse(Thread.currentThread().isInterrupted());
  }
}
