package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.mcp.Triage;
import dev.baton.examples.mcp.TriageRunner;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.Toolset;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tools of a toolset ({@code @Agent(toolsets = ...)}, e.g. an MCP server's) on Temporal: each call
 * is an activity on the worker, and each listing a local activity, so neither runs in workflow
 * code and neither runs again when the workflow is rebuilt from its history.
 */
class ToolsetOnTemporalTest {
  /** A toolset that records its calls and the threads they ran on. */
  static final class Tracker implements Toolset {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger listings = new AtomicInteger();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public List<ToolSpec> tools() {
      listings.incrementAndGet();
      threads.add(Thread.currentThread().getName());
      String schema = "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}},"
          + "\"required\":[\"query\"]}";
      return List.of(new ToolSpec("search_issues", "Searches the tracker.", schema, false, "tracker"),
          new ToolSpec("close_issues", "Closes the matching issues.", schema, true, "tracker"));
    }

    @Override
    public Object call(String tool, ToolArguments arguments, RunContext context) {
      calls.incrementAndGet();
      threads.add(Thread.currentThread().getName());
      if (tool.equals("close_issues")) {
        return "closed issue 42";
      }
      return "issue 42 matches \"" + arguments.get("query", String.class) + "\" (asked at "
          + context.path() + ")";
    }
  }

  @Test
  void aToolsetCallIsAnActivityAndAReplayNeitherCallsNorLists() throws Exception {
    Tracker tracker = new Tracker();
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s
            .call("search_issues", "{\"query\": \"crash on start\"}")
            .respond(r -> ModelResponse.text("found: " + Harness.toolResult(r, "search_issues"))))
        .build();
    WorkflowExecutionHistory recorded;
    try (Harness h = new Harness()) {
      h.register(TriageRunner.builder().model(model).toolset("tracker", tracker).build()).start();
      tracker.threads.clear(); // building the runner listed the tools once, on this thread
      int listedAtBuild = tracker.listings.getAndSet(0);

      TemporalRun<String> run = h.client(Triage.class).start(t -> t.triage("the app crashes"));

      assertEquals("found: issue 42 matches \"crash on start\" (asked at triage)", run.await());
      assertEquals(1, listedAtBuild);
      assertEquals(1, tracker.calls.get());
      assertEquals(2, tracker.listings.get());
      assertTrue(tracker.threads.stream().noneMatch(t -> t.startsWith("workflow")),
          tracker.threads::toString);
      List<HistoryEvent> history = h.env.getWorkflowClient().fetchHistory(run.workflowId())
          .getEvents();
      List<String> activities = history.stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
          .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
          .toList();
      assertEquals(List.of("BatonModelCall", "BatonToolCall", "BatonModelCall"), activities);
      assertEquals(2, history.stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
              && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
          .count(), "one recorded listing per model turn");
      recorded = h.env.getWorkflowClient().fetchHistory(run.workflowId());
    }
    // A worker that rebuilds the run from its history (as one that replaces a dead worker does)
    // takes the call's result and the listings from the history.
    Tracker fresh = new Tracker();
    try (Harness replay = new Harness()) {
      replay.register(TriageRunner.builder().model(model).toolset("tracker", fresh).build());
      fresh.listings.set(0);
      WorkflowReplayer.replayWorkflowExecution(recorded, replay.worker);
    }
    assertEquals(0, fresh.calls.get());
    assertEquals(0, fresh.listings.get());
  }

  @Test
  void aToolsetToolThatNeedsApprovalWaitsForTheSignalThenRunsAsAnActivity() {
    Tracker tracker = new Tracker();
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s
            .call("close_issues", "{\"query\": \"duplicate\"}")
            .respond(r -> ModelResponse.text(Harness.toolResult(r, "close_issues"))))
        .build();
    try (Harness h = new Harness()) {
      h.register(TriageRunner.builder().model(model).toolset("tracker", tracker).build()).start();
      tracker.threads.clear();
      TemporalRun<String> run = h.client(Triage.class).start(t -> t.triage("close duplicates"));
      try (Stream<RunEvent> events = run.events()) {
        events.filter(e -> e instanceof RunEvent.RunFinished f
            && f.status() == RunStatus.INTERRUPTED).findFirst().orElseThrow();
      }
      List<PendingApproval> pending = run.approvals();
      assertEquals(List.of("close_issues"), pending.stream().map(PendingApproval::tool).toList());
      assertEquals(0, tracker.calls.get());

      run.approve(pending.getFirst().callId());

      assertEquals("closed issue 42", run.await());
      assertEquals(1, tracker.calls.get());
      assertTrue(tracker.threads.stream().noneMatch(t -> t.startsWith("workflow")),
          tracker.threads::toString);
    }
  }
}
