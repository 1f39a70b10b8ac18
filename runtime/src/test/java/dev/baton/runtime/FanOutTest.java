package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(NoRunThreadsLeft.class)
class FanOutTest {
  static AgentGraph review(String timeout, boolean failFast, int maxConcurrency) {
    return AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("diff", String.class).output(String.class)
            .parallel("security", "style", "tests").timeout(timeout).failFast(failFast)
            .maxConcurrency(maxConcurrency))
        .llmAgent("security", a -> a.instructions("Check security.").input("diff", String.class))
        .llmAgent("style", a -> a.instructions("Check style.").input("diff", String.class))
        .llmAgent("tests", a -> a.instructions("Check tests.").input("diff", String.class))
        .build();
  }

  @Test
  void slowBranchTimesOutWithPartialResultsAndItsThreadIsGone() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("security", s -> s.reply("no issues"))
        .agent("style", s -> s.delay(Duration.ofMinutes(5)).reply("never"))
        .agent("tests", s -> s.reply("covered"))
        .build();
    Orchestrator o = Orchestrator.builder(review("300ms", false, 0)).model(model).build();
    Run<Object> run = o.start("review", "diff --git");
    @SuppressWarnings("unchecked")
    Results<String> results = (Results<String>) run.await();

    assertEquals(Map.of("security", "no issues", "tests", "covered"), results.successes());
    assertEquals(List.of("style"), results.timedOut());
    assertEquals(List.of("security", "style", "tests"),
        results.stream().map(Outcome::agent).toList());
    assertInstanceOf(Outcome.TimedOut.class, results.outcome("style"));
    assertEquals(Duration.ofMillis(300), ((Outcome.TimedOut<String>) results.outcome("style")).after());
    Threads.assertNoneLeft(run.id());
    List<RunEvent> events = run.events().toList();
    assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.BranchFinished b
        && b.path().equals("review/style") && b.outcome() instanceof Outcome.TimedOut));
  }

  @Test
  void failedBranchIsRecordedAndOthersGoOn() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("security", s -> s.fail(new IllegalStateException("scanner down")))
        .agent("style", s -> s.reply("ok"))
        .agent("tests", s -> s.reply("ok"))
        .build();
    Results<?> r = Orchestrator.builder(review("", false, 0)).model(model).build().call("review", "d");
    assertEquals(1, r.failures().size());
    assertTrue(r.failures().get(0).error().getMessage().contains("scanner down"));
    assertEquals(2, r.successes().size());
  }

  @Test
  void failFastCancelsSiblingsAndFailsTheFanOut() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("security", s -> s.fail(new IllegalStateException("boom")))
        .agent("style", s -> s.delay(Duration.ofMinutes(5)).reply("never"))
        .agent("tests", s -> s.delay(Duration.ofMinutes(5)).reply("never"))
        .build();
    Orchestrator o = Orchestrator.builder(review("", true, 0)).model(model).build();
    Run<Object> run = o.start("review", "d");
    IllegalStateException e = assertThrows(IllegalStateException.class, run::await);
    assertEquals("boom", e.getMessage());
    assertEquals(RunStatus.FAILED, run.status());
    Threads.assertNoneLeft(run.id());
  }

  @Test
  void maxConcurrencyBoundsBranchesInFlight() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    ScriptedModel model = ScriptedModel.builder().fallback(r -> {
      int now = inFlight.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      return ModelResponse.text("ok");
    }).build();
    Results<?> r = Orchestrator.builder(review("", false, 1)).model(model).build().call("review", "d");
    assertTrue(r.isComplete());
    assertEquals(1, peak.get());
  }

  @Test
  void aggregatorSeesOutcomesAfterAHandoffAndNestedFanOutRuns() {
    AgentGraph g = AgentGraph.builder("Inspection")
        .llmAgent("desk", a -> a.instructions("Route.").input("part", String.class))
        .llmAgent("inspect", a -> a.instructions("Summarize checks.").description("Inspects a part.")
            .input("part", String.class).parallel("p78", "p80", "deep").timeout("400ms"))
        .llmAgent("p78", a -> a.instructions("Check p78.").input("part", String.class))
        .llmAgent("p80", a -> a.instructions("Check p80.").input("part", String.class))
        .fanOut("deep", a -> a.input("part", String.class).output(String.class).parallel("x1", "x2"))
        .llmAgent("x1", a -> a.instructions("x1").input("part", String.class))
        .llmAgent("x2", a -> a.instructions("x2").input("part", String.class))
        .handoff("desk", "inspect", true)
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("desk", s -> s.handoff("inspect", "{\"part\":\"valve\"}").reply("inspected"))
        .agent("p78", s -> s.reply("p78 ok"))
        .agent("p80", s -> s.delay(Duration.ofMinutes(1)).reply("late"))
        .agent("x1", s -> s.reply("x1 ok"))
        .agent("x2", s -> s.reply("x2 ok"))
        .agent("inspect", s -> s.respond(r -> ModelResponse.text(
            r.messages().get(r.messages().size() - 1).toString())))
        .build();
    Run<Object> run = Orchestrator.builder(g).model(model).build().start("desk", "check the valve");
    assertEquals("inspected", run.await());
    String summaryInput = model.requests("inspect").get(0).messages().toString();
    assertTrue(summaryInput.contains("## p78 (succeeded)"), summaryInput);
    assertTrue(summaryInput.contains("## p80 (timed out after 400ms"), summaryInput);
    assertTrue(summaryInput.contains("x1 ok") && summaryInput.contains("x2 ok"), summaryInput);
    assertEquals("desk>inspect/deep/x2", model.requests("x2").get(0).path());
    Threads.assertNoneLeft(run.id());
  }

  @Test
  void cancelDuringAThousandBranchFanOutLeavesNoRunThread() throws Exception {
    AgentGraph.Builder b = AgentGraph.builder("Wide");
    String[] names = new String[1000];
    for (int i = 0; i < names.length; i++) {
      names[i] = "b" + i;
      b.llmAgent(names[i], a -> a.instructions("work").input("task", String.class));
    }
    b.fanOut("wide", a -> a.input("task", String.class).output(String.class).parallel(names));
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1000);
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder().fallback(r -> {
      started.countDown();
      try {
        never.await(); // a model that answers only when its thread is interrupted
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ModelResponse.text("late");
    }).build();
    Run<Object> run = Orchestrator.builder(b.build()).model(model)
        .options(RunOptions.builder().maxModelCalls(5000).build()).build().start("wide", "t");
    assertTrue(started.await(30, java.util.concurrent.TimeUnit.SECONDS), "all 1000 branches in the model");
    run.cancel();
    assertThrows(RunCancelledException.class, run::await);
    assertEquals(RunStatus.CANCELLED, run.status());
    Threads.assertNoneLeft(run.id());
  }

  @Test
  void theCallerRunsTheLastBranchAndAnInterruptOfItCancelsEveryBranch() throws Exception {
    // No timeout and no fail-fast: the blocking caller runs the last branch itself.
    Thread caller = Thread.currentThread();
    java.util.concurrent.CountDownLatch inModel = new java.util.concurrent.CountDownLatch(3);
    java.util.Set<String> onCaller = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicInteger interrupted = new AtomicInteger();
    ScriptedModel model = ScriptedModel.builder().fallback(r -> {
      if (Thread.currentThread() == caller) {
        onCaller.add(r.path());
      }
      inModel.countDown();
      try {
        new java.util.concurrent.CountDownLatch(1).await(); // until the cancel interrupts it
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        Thread.currentThread().interrupt();
      }
      return ModelResponse.text("late"); // returned anyway: it must not become an outcome
    }).build();
    List<RunEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    Orchestrator o = Orchestrator.builder(review("", false, 0)).model(model)
        .options(RunOptions.builder().listener(events::add).build()).build();
    Thread interrupter = Thread.ofPlatform().start(() -> {
      try {
        inModel.await();
        caller.interrupt();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThrows(RunCancelledException.class, () -> o.call("review", "d"));
    Thread.interrupted(); // whatever is left of the interrupt is not for the next test
    interrupter.join();
    assertEquals(java.util.Set.of("review/tests"), onCaller);
    assertEquals(3, interrupted.get());
    // The fan-out was cancelled, not its branches settled: no outcome is said or journaled.
    assertTrue(events.stream().noneMatch(e -> e instanceof RunEvent.BranchFinished),
        () -> "no branch finished: " + events);
  }
}
