package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static dev.baton.runtime.ResumeFixtures.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.internal.exec.ManualTime;
import dev.baton.runtime.internal.exec.VirtualThreadExecution;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The promises of fan-outs, cancellation and waiting under timings the other tests do not use. No
 * test sleeps to synchronize: latches decide when a model call or tool ends, and a {@link
 * ManualTime} clock decides when a timeout or deadline passes.
 */
@ExtendWith(NoRunThreadsLeft.class)
class RunLoopGuaranteesTest {
  private static final Duration LONG = Duration.ofSeconds(20);

  static AgentGraph review(String timeout, boolean failFast, int maxConcurrency) {
    return AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("diff", String.class).output(String.class)
            .parallel("security", "style", "tests").timeout(timeout).failFast(failFast)
            .maxConcurrency(maxConcurrency))
        .llmAgent("security", a -> a.instructions("Check security.").input("diff", String.class))
        .llmAgent("style", a -> a.instructions("Check style.").input("diff", String.class)
            .tool(tool("refund", false)))
        .llmAgent("tests", a -> a.instructions("Check tests.").input("diff", String.class))
        .build();
  }

  /** Counts tool executions; {@code stuck} ignores interrupts until released. */
  static final class Tools implements ToolInvoker {
    final AtomicInteger refunds = new AtomicInteger();
    final CountDownLatch stuckEntered = new CountDownLatch(1);
    final CountDownLatch stuckInterrupted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicReference<Thread> stuckOn = new AtomicReference<>();
    final AtomicReference<dev.baton.runtime.internal.RunImpl<?>> stuckRun = new AtomicReference<>();

    @Override
    public Object invoke(String tool, ToolArguments arguments, RunContext context) {
      if (tool.equals("stuck")) {
        stuckOn.set(Thread.currentThread());
        stuckRun.set(((dev.baton.runtime.internal.Frame) context).run());
        stuckEntered.countDown();
        while (true) {
          try {
            release.await();
            return "released";
          } catch (InterruptedException ignored) {
            stuckInterrupted.countDown(); // and deliberately goes on waiting
          }
        }
      }
      refunds.incrementAndGet();
      return "refunded";
    }
  }

  private static RunOptions clocked(ManualTime time) {
    return RunOptions.builder().context(new VirtualThreadExecution(time)).build();
  }

  @Test
  void failFastWithMaxConcurrencyStartsNoBranchAfterTheFirstFailure() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("security", s -> s.fail(new IllegalStateException("boom")))
        .agent("style", s -> s.reply("ok"))
        .agent("tests", s -> s.reply("ok"))
        .build();
    Orchestrator o = Orchestrator.builder(review("30s", true, 1)).model(model)
        .tools(OWNER, new Tools()).build();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> o.call("review", "d"));

    assertEquals("boom", e.getMessage());
    assertEquals(List.of("security"), model.requests().stream().map(r -> r.agent()).toList());
  }

  @Test
  void failFastEndsTheFanOutAtTheFirstFailureWhileSiblingsWaitForever() {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch siblingsInModel = new CountDownLatch(2);
    AtomicInteger interruptedSiblings = new AtomicInteger();
    // security fails only once both siblings are inside model calls that never end by themselves.
    ScriptedModel waiting = ScriptedModel.builder()
        .agent("security", s -> s.respond(r -> {
          try {
            siblingsInModel.await();
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("boom");
        }))
        .fallback(r -> {
          siblingsInModel.countDown();
          try {
            never.await();
          } catch (InterruptedException ex) {
            interruptedSiblings.incrementAndGet();
            throw new IllegalStateException("interrupted as it should be");
          }
          return ModelResponse.text("never");
        })
        .build();
    Run<Object> run = Orchestrator.builder(review("", true, 0)).model(waiting)
        .tools(OWNER, new Tools()).build().start("review", "d");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> run.await(LONG));

    assertEquals("boom", e.getMessage());
    assertEquals(RunStatus.FAILED, run.status());
    assertEquals(3, waiting.callCount());
    assertEquals(2, interruptedSiblings.get(), "both siblings were interrupted");
  }

  @Test
  void aBranchSettledAsTimedOutStartsNoToolAndItsLateAnswerIsDropped() {
    ManualTime time = new ManualTime();
    CountDownLatch inModel = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder()
        .agent("security", s -> s.reply("fine"))
        .agent("tests", s -> s.reply("fine"))
        // Ignores interrupts: answers with a refund only after its branch has timed out.
        .agent("style", s -> s.respond(r -> {
          inModel.countDown();
          while (true) {
            try {
              answer.await();
              return ModelResponse.toolCalls(List.of(new ToolCall("c1", "refund", "{}")));
            } catch (InterruptedException ignored) {
              // keeps going, like a client that does not honour interrupts
            }
          }
        }).reply("refund done"))
        .build();
    Tools tools = new Tools();
    CountDownLatch othersDone = new CountDownLatch(2);
    RunOptions options = clocked(time).toBuilder()
        .listener(e -> {
          if (e instanceof RunEvent.BranchFinished b && b.outcome() instanceof Outcome.TimedOut) {
            answer.countDown(); // the late answer arrives after the branch was settled
          } else if (e instanceof RunEvent.BranchFinished b && b.outcome() instanceof Outcome.Success) {
            othersDone.countDown();
          }
        })
        .cancelGrace(Duration.ZERO)
        .build();
    Run<Object> run = Orchestrator.builder(review("30s", false, 0)).model(model)
        .tools(OWNER, tools).options(options).build().start("review", "d");
    await(inModel);
    await(othersDone); // only the stuck branch is left when the clock passes the timeout
    time.advance(Duration.ofSeconds(31));

    Results<?> results = (Results<?>) run.await();
    answer.countDown();

    assertEquals(List.of("style"), results.timedOut());
    assertEquals(0, tools.refunds.get(), "no tool starts in a settled branch");
    assertTrue(run.state().journal().stream().noneMatch(e -> e.key().startsWith("review/style#")
        && !e.key().equals("review/style#outcome")),
        () -> "nothing of the settled branch is journaled: " + run.state().journal());
    assertTrue(run.events().toList().stream().noneMatch(e -> e instanceof RunEvent.ToolCalled
        && e.path().equals("review/style")));
  }

  @Test
  void anInterruptedWaitSaysSoKeepsTheFlagAndLeavesTheRunAlone() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder()
        .agent("security", s -> s.waitFor(gate).reply("a"))
        .agent("style", s -> s.reply("b"))
        .agent("tests", s -> s.reply("c"))
        .build();
    Run<Object> run = Orchestrator.builder(review("", false, 0)).model(model)
        .tools(OWNER, new Tools()).build().start("review", "d");
    AtomicReference<Throwable> seen = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread waiter = Thread.ofVirtual().start(() -> {
      waiting.countDown();
      try {
        run.await();
      } catch (Throwable t) {
        seen.set(t);
        flag.set(Thread.currentThread().isInterrupted());
      }
    });
    await(waiting);
    waiter.interrupt();
    waiter.join();

    assertInstanceOf(WaitInterruptedException.class, seen.get());
    assertTrue(flag.get(), "the interrupt flag is kept");
    assertEquals(RunStatus.RUNNING, run.status());
    assertFalse(run.isDone());

    WaitTimeoutException timedOut = assertThrows(WaitTimeoutException.class,
        () -> run.await(Duration.ofMillis(1)));
    assertEquals(Duration.ofMillis(1), timedOut.waited());
    assertEquals(RunStatus.RUNNING, run.status());

    AtomicReference<Object> stage = new AtomicReference<>();
    run.asCompletionStage().thenAccept(stage::set);
    gate.countDown();
    assertEquals(3, ((Results<?>) run.await()).successes().size());
    assertTrue(run.isDone());
    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertEquals(run.await(), run.asCompletionStage().toCompletableFuture().get());
  }

  @Test
  void aStuckListenerDelaysTheEndOnlyByItsGraceAndCancelInterruptsIt() {
    ArrayBlockingQueue<RunEvent> full = new ArrayBlockingQueue<>(1);
    full.add(new RunEvent.RunStarted("x", "", 0, java.time.Instant.EPOCH, false));
    CountDownLatch interrupted = new CountDownLatch(1);
    RunListener blocking = e -> {
      try {
        full.put(e); // a UI queue nobody drains
      } catch (InterruptedException ex) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
      }
    };
    ScriptedModel model = ScriptedModel.builder().fallback(r -> ModelResponse.text("ok")).build();
    Orchestrator o = Orchestrator.builder(review("", false, 0)).model(model)
        .tools(OWNER, new Tools()).options(RunOptions.builder().listener(blocking)
            .listenerGrace(Duration.ofMillis(50)).build()).build();

    Run<Object> run = o.start("review", "d");
    Results<?> r = (Results<?>) run.await(LONG);

    assertEquals(3, r.successes().size());
    assertEquals(RunStatus.SUCCEEDED, run.status());
    // The run interrupts its listener before the result is complete; the listener's thread sees
    // it when it is next scheduled, which can be after await() returned.
    await(interrupted);
  }

  @Test
  void anEventsReaderCanBeInterrupted() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder()
        .agent("security", s -> s.waitFor(gate).reply("a"))
        .fallback(r -> ModelResponse.text("ok")).build();
    Run<Object> run = Orchestrator.builder(review("", false, 0)).model(model)
        .tools(OWNER, new Tools()).build().start("review", "d");
    AtomicReference<Throwable> seen = new AtomicReference<>();
    CountDownLatch reading = new CountDownLatch(1);
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        run.events().forEach(e -> reading.countDown());
      } catch (Throwable t) {
        seen.set(t);
      }
    });
    await(reading);
    reader.interrupt();
    reader.join();
    gate.countDown();
    run.await();

    assertInstanceOf(WaitInterruptedException.class, seen.get());
  }

  @Test
  void cancelRightAfterStartEndsTheRunBeforeAnyModelCall() {
    for (int i = 0; i < 200; i++) {
      CountDownLatch never = new CountDownLatch(1);
      ScriptedModel model = ScriptedModel.builder().agent("security", s -> s.waitFor(never).reply("x"))
          .fallback(r -> ModelResponse.text("ok")).build();
      Run<Object> run = Orchestrator.builder(review("", false, 0)).model(model)
          .tools(OWNER, new Tools()).build().start("review", "d");
      run.cancel();
      assertThrows(RunCancelledException.class, () -> run.await(LONG));
      assertEquals(RunStatus.CANCELLED, run.status());
    }
  }

  @Test
  void scriptsPerPathAreDeterministicForConcurrentInvocationsOfOneAgent() {
    AgentGraph g = AgentGraph.builder("Twice")
        .fanOut("twice", a -> a.input("q", String.class).output(String.class)
            .parallel("ask", "other"))
        .fanOut("other", a -> a.input("q", String.class).output(String.class).parallel("ask"))
        .llmAgent("ask", a -> a.instructions("Answer.").input("q", String.class))
        .build();
    for (int i = 0; i < 20; i++) {
      ScriptedModel model = ScriptedModel.builder()
          .path("twice/ask", s -> s.reply("first"))
          .path("twice/other/ask", s -> s.reply("second"))
          .build();
      Results<?> r = Orchestrator.builder(g).model(model).build().call("twice", "q");
      assertEquals("first", r.successes().get("ask"));
      Results<?> inner = (Results<?>) r.successes().get("other");
      assertEquals("second", inner.successes().get("ask"));
    }
  }

  @Test
  void aDeadlineReturnsControlWhenAToolIgnoresInterrupts() throws Exception {
    ManualTime time = new ManualTime();
    AgentGraph g = AgentGraph.builder("Desk")
        .llmAgent("desk", a -> a.instructions("Help.").input("m", String.class)
            .tool(tool("stuck", false)))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("desk", s -> s.call("stuck", "{}").reply("never")).build();
    Tools tools = new Tools();
    Orchestrator o = Orchestrator.builder(g).model(model).tools(OWNER, tools)
        .options(clocked(time).toBuilder().deadline(Duration.ofMillis(500)).build()).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        o.call("desk", "hi"); // blocking: the tool must not run on this thread
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    await(tools.stuckEntered);
    time.advance(Duration.ofMillis(500)); // the deadline passes: the tool is interrupted, ignores it
    await(tools.stuckInterrupted);
    time.advance(Duration.ofSeconds(1));  // the grace passes: the tool is abandoned
    caller.join();

    assertInstanceOf(RunTimeoutException.class, thrown.get());
    assertTrue(tools.stuckOn.get() != caller, "the caller's thread never runs a tool");
    release(tools);
  }

  @Test
  void cancelReturnsControlWhenAToolIgnoresInterruptsAndReportsIt() throws Exception {
    ManualTime time = new ManualTime();
    AgentGraph g = AgentGraph.builder("Desk")
        .llmAgent("desk", a -> a.instructions("Help.").input("m", String.class)
            .tool(tool("stuck", false)))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("desk", s -> s.call("stuck", "{}").reply("never")).build();
    Tools tools = new Tools();
    Run<Object> run = Orchestrator.builder(g).model(model).tools(OWNER, tools)
        .options(clocked(time)).build().start("desk", "hi");
    await(tools.stuckEntered);
    run.cancel();
    time.advance(Duration.ofSeconds(1));

    assertThrows(RunCancelledException.class, () -> run.await(LONG));
    assertEquals(RunStatus.CANCELLED, run.status());
    List<RunEvent.WorkAbandoned> abandoned = run.events().toList().stream()
        .filter(e -> e instanceof RunEvent.WorkAbandoned).map(e -> (RunEvent.WorkAbandoned) e).toList();
    assertTrue(abandoned.stream().anyMatch(a -> a.path().equals("desk") && a.work().contains("stuck")),
        () -> "abandoned: " + abandoned);
    release(tools);
  }

  @Test
  void aBranchTimeoutReturnsWhenItsToolIgnoresInterrupts() throws Exception {
    ManualTime time = new ManualTime();
    AgentGraph g = AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("d", String.class).output(String.class)
            .parallel("slow", "quick").timeout("10s"))
        .llmAgent("slow", a -> a.instructions("x").input("d", String.class).tool(tool("stuck", false)))
        .llmAgent("quick", a -> a.instructions("x").input("d", String.class))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("slow", s -> s.call("stuck", "{}").reply("never"))
        .agent("quick", s -> s.reply("done")).build();
    Tools tools = new Tools();
    CountDownLatch quickDone = new CountDownLatch(1);
    Run<Object> run = Orchestrator.builder(g).model(model).tools(OWNER, tools)
        .options(clocked(time).toBuilder().cancelGrace(Duration.ZERO)
            .listener(e -> {
              if (e instanceof RunEvent.BranchFinished b && b.path().equals("review/quick")) {
                quickDone.countDown();
              }
            }).build()).build()
        .start("review", "d");
    try {
      await(tools.stuckEntered);
      await(quickDone); // only the stuck branch is left when the clock passes the timeout
      time.advance(Duration.ofSeconds(10));

      Results<?> r = (Results<?>) run.await(LONG);

      assertEquals(List.of("slow"), r.timedOut());
      assertTrue(run.events().toList().stream().anyMatch(e -> e instanceof RunEvent.WorkAbandoned a
          && a.path().equals("review/slow")));
    } finally {
      release(tools);
    }
  }

  @Test
  void aJvmErrorInABranchFailsTheRunInsteadOfBecomingAnOutcome() {
    AgentGraph g = AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("d", String.class).output(String.class)
            .parallel("a", "b"))
        .llmAgent("a", a -> a.instructions("x").input("d", String.class).tool(tool("oom", false)))
        .llmAgent("b", a -> a.instructions("x").input("d", String.class))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("a", s -> s.call("oom", "{}").reply("never"))
        .agent("b", s -> s.reply("done")).build();
    ToolInvoker oom = (tool, args, ctx) -> {
      throw new OutOfMemoryError("simulated");
    };
    Run<Object> run = Orchestrator.builder(g).model(model).tools(OWNER, oom).build().start("review", "d");

    OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> run.await(LONG));

    assertEquals("simulated", e.getMessage());
    assertEquals(RunStatus.FAILED, run.status());
    assertTrue(model.requests("a").size() == 1, "the error was not shown to the model");
  }

  @Test
  void deepRunTimeRecursionIsATypedErrorNamingThePath() {
    AgentGraph g = AgentGraph.builder("Loop")
        .llmAgent("echo", a -> a.instructions("x").input("m", String.class).tool(tool("again", false)))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .fallback(r -> ModelResponse.toolCalls(List.of(new ToolCall("c", "again", "{}")))).build();
    AtomicReference<Orchestrator> self = new AtomicReference<>();
    ToolInvoker again = (tool, args, ctx) -> self.get().call("echo", "deeper");
    Orchestrator o = Orchestrator.builder(g).model(model).tools(OWNER, again)
        .options(RunOptions.builder().maxModelCalls(100_000).maxCallDepth(40).build()).build();
    self.set(o);

    CallDepthExceededException e = assertThrows(CallDepthExceededException.class,
        () -> o.call("echo", "start"));

    assertEquals(40, e.limit());
    assertTrue(e.path().startsWith("echo/echo/echo"), e.path());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(LONG.toSeconds(), TimeUnit.SECONDS), "timed out waiting for a latch");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  // Abandoned work ends once released; the thread check then holds again.
  private static void release(Tools tools) throws InterruptedException {
    tools.release.countDown();
    tools.stuckRun.get().awaitAllWork();
  }
}
