package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.Types;
import dev.baton.runtime.ResumeFixtures.CountingTools;
import dev.baton.runtime.internal.exec.ManualTime;
import dev.baton.runtime.internal.exec.VirtualThreadExecution;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A branch frees its {@code maxConcurrency} slot and counts itself out of its fan-out only after its
 * task is done (the branch the forking thread runs, after its body): every way a fan-out ends still
 * ends it, with no run thread left. Latches and a {@link ManualTime} clock decide what happens when.
 */
@ExtendWith(NoRunThreadsLeft.class)
class FanOutCountOutTest {
  static AgentGraph wide(int n, String timeout, boolean failFast, int max) {
    AgentGraph.Builder b = AgentGraph.builder("Wide");
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = "b" + i;
      b.llmAgent(names[i], a -> a.instructions("work").input("task", String.class));
    }
    return b.fanOut("wide", a -> a.input("task", String.class).output(String.class)
        .parallel(names).timeout(timeout).failFast(failFast).maxConcurrency(max)).build();
  }

  static Model blocking(CountDownLatch in) {
    return (r, l) -> {
      in.countDown();
      new CountDownLatch(1).await();
      throw new AssertionError("not interrupted");
    };
  }

  @Test
  void aPauseInTheBranchTheForkingThreadRunsResumesWithoutRerunningTheOthers() {
    AgentGraph g = AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("diff", String.class).output(String.class)
            .parallel("style", "tests", "security"))
        .llmAgent("security", a -> a.instructions("Check security.").input("diff", String.class)
            .tool(ResumeFixtures.tool("quarantine", true)))
        .llmAgent("style", a -> a.instructions("Check style.").input("diff", String.class))
        .llmAgent("tests", a -> a.instructions("Check tests.").input("diff", String.class))
        .build();
    ScriptedModel first = ScriptedModel.builder()
        .agent("security", s -> s.call("quarantine", "{}"))
        .agent("style", s -> s.reply("style ok")).agent("tests", s -> s.reply("tests ok")).build();
    CountingTools tools = new CountingTools();
    Run<Object> run = Orchestrator.builder(g).model(first).tools(OWNER, tools).build()
        .start("review", "d");
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class, run::await);
    Threads.assertNoneLeft(run.id());
    RunState state = RunState.fromJson(e.state().toJson());
    ScriptedModel rest = ScriptedModel.builder().agent("security", s -> s.reply("q")).build();
    Object out = Orchestrator.builder(g).model(rest).tools(OWNER, tools).build()
        .resume(state.approve(state.approvals().get(0).callId())).await(Duration.ofSeconds(30));
    assertEquals(3, ((Results<?>) out).successes().size());
    assertEquals(1, rest.callCount());
    assertEquals(1, tools.count("quarantine"));
  }

  @Test
  void theRunDeadlineEndsAForkWaitingForASlot() throws Exception {
    ManualTime time = new ManualTime();
    CountDownLatch in = new CountDownLatch(1);
    Run<Object> run = Orchestrator.builder(wide(3, "", false, 1)).model(blocking(in))
        .options(RunOptions.builder().context(new VirtualThreadExecution(time))
            .deadline(Duration.ofSeconds(10)).build()).build().start("wide", "t");
    assertTrue(in.await(20, TimeUnit.SECONDS));
    time.advance(Duration.ofSeconds(11));
    assertThrows(RunTimeoutException.class, () -> run.await(Duration.ofSeconds(30)));
    assertEquals(RunStatus.CANCELLED, run.status());
    Threads.assertNoneLeft(run.id());
  }

  @Test
  void cancelEndsAForkWaitingForASlotOrRunningItsLastBranch() throws Exception {
    for (int max : new int[] {1, 0}) {
      CountDownLatch in = new CountDownLatch(max == 1 ? 1 : 3);
      Run<Object> run = Orchestrator.builder(wide(3, "", false, max)).model(blocking(in)).build()
          .start("wide", "t");
      assertTrue(in.await(20, TimeUnit.SECONDS));
      run.cancel();
      assertThrows(RunCancelledException.class, () -> run.await(Duration.ofSeconds(30)));
      Threads.assertNoneLeft(run.id());
    }
  }

  @Test
  void nestedForksOverAListWithSlotsAndAnErrorEndWithEveryOutcome() {
    AgentGraph.Builder b = AgentGraph.builder("Nested");
    String[] leaves = {"x0", "x1", "x2", "x3", "x4"};
    for (String x : leaves) {
      b.llmAgent(x, a -> a.instructions("x").input("item", String.class));
    }
    b.fanOut("each", a -> a.input("item", String.class).output(String.class).parallel(leaves)
        .maxConcurrency(2));
    b.fanOut("all", a -> a.input("items", Types.listOf(String.class)).output(String.class)
        .parallel("each").over("items").maxConcurrency(8));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    Model model = (r, l) -> {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        if (r.agent().equals("x3") && r.path().contains("[7]")) {
          throw new AssertionError("x3 of 7");
        }
        return ModelResponse.text("ok");
      } finally {
        inFlight.decrementAndGet();
      }
    };
    List<String> items = IntStream.range(0, 200).mapToObj(i -> "i" + i).toList();
    Run<Object> run = Orchestrator.builder(b.build()).model(model)
        .options(RunOptions.builder().maxModelCalls(2000).build()).build().start("all", items);
    Results<?> r = (Results<?>) run.await(Duration.ofSeconds(60));
    assertEquals(200, r.size());
    assertTrue(peak.get() <= 16, "peak " + peak.get());
    Results<?> seven = (Results<?>) ((Outcome.Success<?>) r.outcome(7)).value();
    assertEquals(1, seven.failures().size());
    Threads.assertNoneLeft(run.id());
  }

  @Test
  void failFastOnAnErrorEndsTheForkWhileSiblingsWaitForever() throws Exception {
    CountDownLatch in = new CountDownLatch(2);
    Model model = (r, l) -> {
      if (r.agent().equals("b1")) {
        assertTrue(in.await(20, TimeUnit.SECONDS));
        throw new AssertionError("b1 broke");
      }
      in.countDown();
      new CountDownLatch(1).await();
      throw new AssertionError("not interrupted");
    };
    Run<Object> run = Orchestrator.builder(wide(3, "", true, 0)).model(model).build()
        .start("wide", "t");
    AssertionError e = assertThrows(AssertionError.class, () -> run.await(Duration.ofSeconds(30)));
    assertEquals("b1 broke", e.getMessage());
    assertEquals(RunStatus.FAILED, run.status());
    Threads.assertNoneLeft(run.id());
  }

  @Test
  void slotsAndEndsAreNeverMissedOverManyForks() {
    // A lost wake-up (a slot freed or a last branch counted out without the fork seeing it) hangs a
    // fork without a timeout and holds one with a timeout for the whole hour: both are bounded here.
    Model model = (r, l) -> ModelResponse.text("ok");
    for (int max : new int[] {1, 2, 3, 0}) {
      Orchestrator o = Orchestrator.builder(wide(20, "", false, max)).model(model).build();
      Orchestrator t = Orchestrator.builder(wide(20, "1h", false, max)).model(model).build();
      for (int i = 0; i < 150; i++) {
        Results<?> r = (Results<?>) o.start("wide", "t").await(Duration.ofSeconds(30));
        assertEquals(20, r.successes().size());
        Results<?> r2 = (Results<?>) t.start("wide", "t").await(Duration.ofSeconds(30));
        assertEquals(20, r2.successes().size());
      }
    }
  }
}
