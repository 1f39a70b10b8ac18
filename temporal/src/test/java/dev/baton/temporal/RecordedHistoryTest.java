package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.baton.examples.mcp.Triage;
import dev.baton.examples.mcp.TriageRunner;
import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Histories recorded by an earlier version of the run loop, kept in {@code
 * src/test/resources/histories}, replay on today's code: a change that alters the commands a run
 * produces (the order of activities, timers, markers) fails here, before it strands the runs in
 * flight on a cluster. A deliberate change re-records them ({@code
 * -Dbaton.temporal.recordHistories=true}) and needs a {@code Workflow.getVersion} branch for the
 * runs already started (see docs/architecture.md, "Determinism and versioning").
 */
class RecordedHistoryTest {
  private static final boolean RECORD = Boolean.getBoolean("baton.temporal.recordHistories");
  private static final Path DIR = Path.of("src/test/resources/histories");

  @Test
  void backHandoffWithAToolCall() throws Exception {
    check("desk-back-handoff", () -> DeskRunner.builder().model(ReplayTest.deskModel()).build(),
        h -> h.client(Desk.class).start(d -> d.frontDesk("charged twice")));
  }

  @Test
  void approvalBySignal() throws Exception {
    check("desk-approval",
        () -> DeskRunner.builder().model(HistoryReplayTest.billingModel()).build(), h -> {
          TemporalRun<String> run = h.client(Desk.class).start(d -> d.billing("refund, pay ann"));
          try (Stream<RunEvent> events = run.events()) {
            events.filter(e -> e instanceof RunEvent.RunFinished f
                && f.status() == RunStatus.INTERRUPTED).findFirst().orElseThrow();
          }
          run.approve(run.approvals().getFirst().callId());
          return run;
        });
  }

  @Test
  void codeAgentDebateAndAFanOut() throws Exception {
    Supplier<AgentRunner<?>> review = () -> ReviewRunner.builder().model(ScriptedModel.builder()
        .fallback(r -> ModelResponse.text(r.agent() + " spoke")).build()).build();
    check("review-debate", review, h -> h.client(Review.class).start(r -> r.debate("tabs")));
    check("review-fan-out", review, h -> h.client(Review.class).start(r -> r.quick("claim")));
  }

  @Test
  void toolsetCallsAndListings() throws Exception {
    check("triage-toolset", () -> TriageRunner.builder()
        .model(ScriptedModel.builder().agent("triage", s -> s
            .call("search_issues", "{\"query\": \"crash\"}")
            .respond(r -> ModelResponse.text(Harness.toolResult(r, "search_issues")))).build())
        .toolset("tracker", new ToolsetOnTemporalTest.Tracker()).build(),
        h -> h.client(Triage.class).start(t -> t.triage("it crashes")));
  }

  // Replays the recorded history of one run on a fresh worker; the replayer throws if today's code
  // produces other commands than the history holds. In record mode, runs it first and writes it.
  private static void check(String name, Supplier<AgentRunner<?>> runner,
      Function<Harness, TemporalRun<?>> run) throws Exception {
    String json;
    if (RECORD) {
      try (Harness h = new Harness()) {
        h.register(runner.get()).start();
        TemporalRun<?> r = run.apply(h);
        r.await();
        json = h.env.getWorkflowClient().fetchHistory(r.workflowId()).toJson(true);
      }
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve(name + ".json"), json, StandardCharsets.UTF_8);
    } else {
      String resource = "histories/" + name + ".json";
      try (InputStream in = RecordedHistoryTest.class.getClassLoader()
          .getResourceAsStream(resource)) {
        assertNotNull(in, resource + " is missing; record it with"
            + " -Dbaton.temporal.recordHistories=true");
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    try (Harness replay = new Harness()) {
      replay.register(runner.get());
      WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json),
          replay.worker);
    }
  }
}
