package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.UserMessage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The semantics of DESIGN section 4, with the run as a workflow under the test service. */
class SemanticsTest {
  /** Blocks a model call until released or interrupted (its activity cancelled). */
  private static ModelResponse blockUntil(CountDownLatch release, CountDownLatch entered) {
    entered.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: the activity was cancelled");
    }
    return ModelResponse.text("too late");
  }

  private static String lastUserText(ModelRequest r) {
    return ((UserMessage) r.messages().stream().filter(m -> m instanceof UserMessage)
        .reduce((a, b) -> b).orElseThrow()).text();
  }

  @Test
  void handoffIntoAFanOutWhoseSlowBranchTimesOutWithTimeSkipping() {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s.handoff("inspect", "{\"claim\": \"roof leak\"}"))
        .agent("photos", s -> s.reply("photos show water damage"))
        .agent("records", s -> s.reply("records show a 2019 repair"))
        .agent("witness", s -> s.respond(r -> blockUntil(release, entered)))
        .agent("inspect", s -> s.respond(r -> ModelResponse.text("report: " + lastUserText(r))))
        .build();
    try (Harness h = new Harness()) {
      h.register(ReviewRunner.builder().model(model).build()).start();
      long before = h.env.currentTimeMillis();

      String report = h.client(Review.class).agents().triage("roof leak");

      release.countDown();
      assertTrue(report.contains("## photos (succeeded)\nphotos show water damage"), report);
      assertTrue(report.contains("## records (succeeded)\nrecords show a 2019 repair"), report);
      assertTrue(report.contains("## witness (timed out after 20s, no result)"), report);
      assertTrue(h.env.currentTimeMillis() - before >= 20_000, "the timeout is a workflow timer");
      assertEquals(1, model.requests("inspect").size());
    }
  }

  @Test
  void failFastCancelsTheSiblingsAndFailsTheFanOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder()
        .agent("records", s -> s.respond(r -> blockUntil(release, entered)))
        // Every attempt fails (Temporal retries a model failure as the activity options say).
        .agent("photos", s -> s.otherwise(r -> {
          try {
            // Fail only once the sibling is running, so there is a sibling to cancel.
            entered.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("camera archive unreachable");
        }))
        .build();
    try (Harness h = new Harness()) {
      h.register(ReviewRunner.builder().model(model).build()).start();
      TemporalRun<Results<String>> run = h.client(Review.class).start(r -> r.quick("claim"));

      AgentException e = assertThrows(AgentException.class, run::await);

      release.countDown();
      assertTrue(e.getMessage().contains("camera archive unreachable"), e.getMessage());
      List<RunEvent> events;
      try (Stream<RunEvent> s = run.events()) {
        events = s.toList();
      }
      assertTrue(events.stream().anyMatch(ev -> ev instanceof RunEvent.BranchFinished b
          && b.outcome() instanceof Outcome.Failed<?> f && f.agent().equals("photos")), events::toString);
      assertTrue(events.stream().noneMatch(ev -> ev instanceof RunEvent.BranchFinished b
          && b.outcome() instanceof Outcome.Success<?>), events::toString);
      assertEquals(RunStatus.FAILED, run.status());
    }
  }

  @Test
  void fanOutReturnsResultsToTheClient() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("photos", s -> s.reply("dry"))
        .agent("records", s -> s.reply("clean"))
        .build();
    try (Harness h = new Harness()) {
      h.register(ReviewRunner.builder().model(model).build()).start();

      Results<String> results = h.client(Review.class).agents().quick("claim");

      assertTrue(results.isComplete());
      assertEquals("dry", results.successes().get("photos"));
      assertEquals("clean", results.successes().get("records"));
    }
  }

  @Test
  void delegateAnswersAsAToolAndTheCallerKeepsControl() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("supervisor", s -> s
            .delegate("clerk", "{\"question\": \"order count\"}")
            .respond(r -> ModelResponse.text("clerk said " + Harness.toolResult(r, "clerk"))))
        .agent("clerk", s -> s.respond(r -> ModelResponse.text(
            "42 orders; saw " + r.messages().size() + " messages")))
        .build();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(model).build()).start();

      String answer = h.client(Desk.class).agents().supervisor("how many orders?");

      // The clerk runs on a fresh conversation: its instructions and the question only.
      assertEquals("clerk said 42 orders; saw 2 messages", answer);
      assertEquals("supervisor+clerk", model.requests("clerk").getFirst().path());
    }
  }

  @Test
  void codeAgentDebateLoopIsWorkflowCode() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("pro", s -> s.otherwise(r -> ModelResponse.text(lastUserText(r) + " +pro")))
        .agent("con", s -> s.otherwise(r -> ModelResponse.text(lastUserText(r) + " -con")))
        .agent("judge", s -> s.respond(r -> ModelResponse.text("verdict on: " + lastUserText(r))))
        .build();
    try (Harness h = new Harness()) {
      h.register(ReviewRunner.builder().model(model).build()).start();

      String verdict = h.client(Review.class).agents().debate("tabs");

      assertEquals("verdict on: tabs +pro -con +pro -con", verdict);
      assertEquals(List.of("debate/pro", "debate/con", "debate/pro#2", "debate/con#2", "debate/judge"),
          model.requests().stream().map(ModelRequest::path).toList());
    }
  }

  @Test
  void approvalWaitsForASignalThenTheRunContinues() {
    Desk.Ledger ledger = new Desk.Ledger();
    CountDownLatch asked = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder()
        .agent("billing", s -> s
            .call("payout", "{\"customer\": \"ann\", \"cents\": 500}")
            .respond(r -> ModelResponse.text("payout: " + Harness.toolResult(r, "payout"))))
        .build();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(model).deskLedger(ledger).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.billing("pay ann 5 dollars"));

      List<PendingApproval> pending = awaitApprovals(run);
      assertEquals(1, pending.size());
      assertEquals("payout", pending.getFirst().tool());
      assertEquals(RunStatus.INTERRUPTED, run.status());
      assertEquals(0, ledger.payouts.get());

      run.approve(pending.getFirst().callId());

      assertEquals("payout: paid ann 500", run.await());
      assertEquals(1, ledger.payouts.get());
      assertEquals(2, model.callCount(), "the first model call is not made again after approval");
      assertEquals(RunStatus.SUCCEEDED, run.status());
    }
  }

  @Test
  void rejectionReachesTheModel() {
    Desk.Ledger ledger = new Desk.Ledger();
    ScriptedModel model = ScriptedModel.builder()
        .agent("billing", s -> s
            .call("payout", "{\"customer\": \"ann\", \"cents\": 500}")
            .respond(r -> ModelResponse.text("payout: " + Harness.toolResult(r, "payout"))))
        .build();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(model).deskLedger(ledger).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.billing("pay ann"));

      run.reject(awaitApprovals(run).getFirst().callId(), "over the limit");

      assertEquals("payout: Error: a human rejected this call: over the limit", run.await());
      assertEquals(0, ledger.payouts.get());
    }
  }

  // Waits for the workflow to reach its approval: the workflow's own wait, observed by a query
  // after the test service has run the workflow as far as it can.
  private static List<PendingApproval> awaitApprovals(TemporalRun<?> run) {
    try (Stream<RunEvent> events = run.events()) {
      // The run has stopped at its approvals once it says so; the workflow then waits.
      events.filter(e -> e instanceof RunEvent.RunFinished f
          && f.status() == RunStatus.INTERRUPTED).findFirst().orElseThrow();
    }
    return run.approvals();
  }

  @Test
  void cancelCancelsTheWorkflowAndItsActivities() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.respond(r -> blockUntil(release, entered)))
        .build();
    try (Harness h = new Harness()) {
      h.register(DeskRunner.builder().model(model).build()).start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.frontDesk("hello"));
      assertTrue(entered.await(30, TimeUnit.SECONDS));

      run.cancel();

      assertThrows(RunCancelledException.class, run::await);
      release.countDown();
      assertEquals(RunStatus.CANCELLED, run.status());
    }
  }
}
