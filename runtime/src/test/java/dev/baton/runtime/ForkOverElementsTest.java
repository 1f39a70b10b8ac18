package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.Types;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A fork over the elements of a list: one branch per element, in element order. */
@ExtendWith(NoRunThreadsLeft.class)
class ForkOverElementsTest {
  static AgentGraph claims(String timeout, int maxConcurrency) {
    return AgentGraph.builder("Claims")
        .fanOut("checkAll", a -> a.input("claims", Types.listOf(String.class))
            .input("policy", String.class).output(String.class)
            .parallel("checkClaim").over("claims").timeout(timeout).maxConcurrency(maxConcurrency))
        .llmAgent("checkClaim", a -> a.instructions("Check the claim.")
            .input("claim", String.class).input("policy", String.class))
        .build();
  }

  private static String lastUserText(ModelRequest r) {
    String text = "";
    for (var m : r.messages()) {
      if (m instanceof dev.baton.runtime.model.UserMessage u) {
        text = u.text();
      }
    }
    return text;
  }

  @Test
  void eachElementIsABranchInElementOrderBoundWithTheOtherArguments() {
    ScriptedModel model = ScriptedModel.builder()
        .fallback(r -> ModelResponse.text(r.path() + " " + lastUserText(r))).build();
    List<String> claims = IntStream.range(0, 5).mapToObj(i -> "claim" + i).toList();
    Results<?> r = Orchestrator.builder(claims("", 0)).model(model).build()
        .call("checkAll", claims, "strict");
    assertEquals(5, r.size());
    for (int i = 0; i < 5; i++) {
      Outcome<?> o = r.outcome(i);
      assertEquals("checkClaim[" + i + "]", o.agent());
      String value = (String) ((Outcome.Success<?>) o).value();
      assertTrue(value.startsWith("checkAll/checkClaim[" + i + "] "), value);
      assertTrue(value.contains("\"claim\":\"claim" + i + "\""), value);
      assertTrue(value.contains("\"policy\":\"strict\""), value);
      assertEquals(o, r.outcome("checkClaim[" + i + "]"));
    }
  }

  @Test
  void anEmptyListYieldsEmptyResultsWithoutCallingTheModel() {
    ScriptedModel model = ScriptedModel.builder().fallback(r -> ModelResponse.text("no")).build();
    Results<?> r = Orchestrator.builder(claims("", 0)).model(model).build()
        .call("checkAll", List.of(), "strict");
    assertEquals(0, r.size());
    assertTrue(r.isComplete());
    assertEquals(0, model.callCount());
  }

  @Test
  void maxConcurrencyBoundsTheElementsInFlight() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    // Two calls meet at the barrier before either answers: a bound of 2 lets exactly pairs through,
    // and a broken bound lets a third in before the pair leaves.
    CyclicBarrier pair = new CyclicBarrier(2);
    ScriptedModel model = ScriptedModel.builder().fallback(r -> {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        pair.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("no partner arrived", e);
      } finally {
        inFlight.decrementAndGet();
      }
      return ModelResponse.text("ok");
    }).build();
    List<String> claims = IntStream.range(0, 8).mapToObj(i -> "c" + i).toList();
    Results<?> r = Orchestrator.builder(claims("", 2)).model(model).build()
        .call("checkAll", claims, "p");
    assertTrue(r.isComplete(), r::toString);
    assertEquals(2, peak.get());
    assertEquals(8, model.callCount());
  }

  @Test
  void elementsThatDoNotFinishTimeOutAndTheRestArePartialResults() {
    CountDownLatch never = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder().fallback(r -> {
      if (lastUserText(r).contains("slow")) {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted");
        }
      }
      return ModelResponse.text("ok");
    }).build();
    Run<Object> run = Orchestrator.builder(claims("2s", 0)).model(model).build()
        .start("checkAll", List.of("a", "slow", "b"), "p");
    Results<?> r = (Results<?>) run.await();
    assertEquals(List.of("checkClaim[1]"), r.timedOut());
    assertInstanceOf(Outcome.Success.class, r.outcome(0));
    assertInstanceOf(Outcome.Success.class, r.outcome(2));
    assertTrue(run.events().anyMatch(e -> e instanceof RunEvent.BranchFinished b
        && b.path().equals("checkAll/checkClaim[1]") && b.outcome() instanceof Outcome.TimedOut));
  }

  @Test
  void aRunPausedMidForkResumesWithTheFinishedElementsFromTheJournal() {
    AgentGraph g = AgentGraph.builder("Claims")
        .fanOut("checkAll", a -> a.input("claims", Types.listOf(String.class)).output(String.class)
            .parallel("checkClaim").over("claims"))
        .llmAgent("checkClaim", a -> a.instructions("Check the claim.").input("claim", String.class)
            .tool(ResumeFixtures.tool("escalate", true)))
        .build();
    List<String> claims = IntStream.range(0, 6).mapToObj(i -> "claim" + i).toList();
    // Element 4 asks for an approval; the other five answer at once.
    ScriptedModel first = ScriptedModel.builder().fallback(r -> lastUserText(r).equals("claim4")
        ? ModelResponse.toolCalls(List.of(ScriptedModel.toolCall("escalate", "{}")))
        : ModelResponse.text("ok " + lastUserText(r))).build();
    ResumeFixtures.CountingTools tools = new ResumeFixtures.CountingTools();
    Run<Object> run = Orchestrator.builder(g).model(first).tools(ResumeFixtures.OWNER, tools).build()
        .start("checkAll", claims);
    ApprovalRequiredException paused =
        org.junit.jupiter.api.Assertions.assertThrows(ApprovalRequiredException.class, run::await);
    assertEquals("checkAll/checkClaim[4]", run.approvals().get(0).path());
    assertEquals(6, first.callCount());

    RunState state = RunState.fromJson(paused.state().toJson());
    ScriptedModel rest = ScriptedModel.builder()
        .fallback(r -> ModelResponse.text("escalated " + r.path())).build();
    ResumeFixtures.CountingTools later = new ResumeFixtures.CountingTools();
    Results<?> r = (Results<?>) Orchestrator.builder(g).model(rest)
        .tools(ResumeFixtures.OWNER, later).build()
        .resume(state.approve(state.approvals().get(0).callId())).await();

    assertEquals(1, rest.callCount(), "only the paused element runs again");
    assertEquals(1, later.count("escalate"));
    assertEquals(6, r.size());
    for (int i = 0; i < 6; i++) {
      Object value = ((Outcome.Success<?>) r.outcome(i)).value();
      assertEquals(i == 4 ? "escalated checkAll/checkClaim[4]" : "ok claim" + i, value);
    }
  }

  @Test
  void failFastStopsTheOtherElementsAndFailsTheFork() {
    CountDownLatch never = new CountDownLatch(1);
    AgentGraph g = AgentGraph.builder("Claims")
        .fanOut("checkAll", a -> a.input("claims", Types.listOf(String.class)).output(String.class)
            .parallel("checkClaim").over("claims").failFast(true))
        .llmAgent("checkClaim", a -> a.instructions("Check.").input("claim", String.class))
        .build();
    ScriptedModel model = ScriptedModel.builder().fallback(r -> {
      if (lastUserText(r).equals("bad")) {
        throw new IllegalStateException("checker down");
      }
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
      return ModelResponse.text("never");
    }).build();
    Run<Object> run = Orchestrator.builder(g).model(model).build()
        .start("checkAll", List.of("slow1", "bad", "slow2"));
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, run::await);
    assertEquals("checker down", e.getMessage());
    assertEquals(RunStatus.FAILED, run.status());
  }

  @Test
  void aForkOverElementsNestsInsideAFixedFanOut() {
    AgentGraph g = AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("files", Types.listOf(String.class)).output(Object.class)
            .parallel("perFile", "summary"))
        .fanOut("perFile", a -> a.input("files", Types.listOf(String.class)).output(String.class)
            .parallel("lint").over("files"))
        .llmAgent("lint", a -> a.instructions("Lint.").input("file", String.class))
        .llmAgent("summary", a -> a.instructions("Summarize.").input("files", Types.listOf(String.class)))
        .build();
    ScriptedModel model = ScriptedModel.builder().fallback(r -> ModelResponse.text(r.path())).build();
    Results<?> r = Orchestrator.builder(g).model(model).build().call("review", List.of("a", "b"));
    Results<?> perFile = (Results<?>) ((Outcome.Success<?>) r.outcome("perFile")).value();
    assertEquals(List.of("review/perFile/lint[0]", "review/perFile/lint[1]"),
        perFile.stream().map(o -> ((Outcome.Success<?>) o).value()).toList());
    assertEquals("review/summary", ((Outcome.Success<?>) r.outcome("summary")).value());
  }
}
