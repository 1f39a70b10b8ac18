package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.runtime.model.Usage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console timeline, against canned events with fixed times. */
class RunEventsTest {
  private static final String RUN = "run-1";
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  /** Builds canned events with increasing sequence numbers, at milliseconds after T0. */
  private static final class Events {
    final List<RunEvent> list = new ArrayList<>();

    private long seq() {
      return list.size();
    }

    private static Instant at(long ms) {
      return T0.plusMillis(ms);
    }

    Events add(RunEvent e) {
      list.add(e);
      return this;
    }

    Events runStarted(long ms, boolean resumed) {
      return add(new RunEvent.RunStarted(RUN, "", seq(), at(ms), resumed));
    }

    Events started(long ms, String path, String kind) {
      return add(new RunEvent.AgentStarted(RUN, path, seq(), at(ms), last(path), kind));
    }

    Events text(long ms, String path, String text) {
      return add(new RunEvent.TextDelta(RUN, path, seq(), at(ms), text));
    }

    Events called(long ms, String path, String tool, String id, String args) {
      return add(new RunEvent.ToolCalled(RUN, path, seq(), at(ms), tool, id, args));
    }

    Events returned(long ms, String path, String tool, String id, String result, boolean error,
        long tookMs) {
      return add(new RunEvent.ToolReturned(RUN, path, seq(), at(ms), tool, id, result, error,
          Duration.ofMillis(tookMs)));
    }

    Events handoff(long ms, String path, String to, boolean back) {
      return add(new RunEvent.HandoffOccurred(RUN, path, seq(), at(ms), last(path), to, back));
    }

    Events handedBack(long ms, String path, String to) {
      return add(new RunEvent.HandedBack(RUN, path, seq(), at(ms), last(path), to));
    }

    Events branchStarted(long ms, String path) {
      return add(new RunEvent.BranchStarted(RUN, path, seq(), at(ms), last(path)));
    }

    Events branchFinished(long ms, String path, Outcome<?> outcome) {
      return add(new RunEvent.BranchFinished(RUN, path, seq(), at(ms), outcome));
    }

    Events finished(long ms, String path, long tookMs, String error) {
      return add(new RunEvent.AgentFinished(RUN, path, seq(), at(ms), last(path),
          Duration.ofMillis(tookMs), error));
    }

    Events approval(long ms, String path, String tool, String id, String args) {
      return add(new RunEvent.ApprovalRequested(RUN, path, seq(), at(ms),
          new PendingApproval(id, tool, args, path)));
    }

    Events runFinished(long ms, RunStatus status) {
      return add(new RunEvent.RunFinished(RUN, "", seq(), at(ms), status, Duration.ofMillis(ms)));
    }

    Events runFailed(long ms, String path, RunStatus status, String error) {
      return add(new RunEvent.RunFailed(RUN, path, seq(), at(ms), status, error,
          Duration.ofMillis(ms)));
    }

    private static String last(String path) {
      String[] parts = path.split("[>/+]");
      return parts[parts.length - 1].replaceAll("#\\d+$", "");
    }
  }

  private static List<String> print(List<RunEvent> events, boolean colour) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    RunListener printer = RunEvents.printer(out, colour);
    events.forEach(printer::onEvent);
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void backHandoffsToolsAndCoalescedText() {
    List<RunEvent> events = new Events()
        .runStarted(0, false)
        .started(1, "frontDesk", "LLM")
        .called(5, "frontDesk", "transfer_to_billing", "c1", "{\"problem\":\n  \"charged twice\"}")
        .handoff(5, "frontDesk", "billing", true)
        .started(6, "frontDesk>billing", "LLM")
        .called(10, "frontDesk>billing", "refund", "c2", "{\"orderId\":\"A-17\",\"cents\":4999}")
        .returned(12, "frontDesk>billing", "refund", "c2", "refund R-1", false, 2)
        .called(13, "frontDesk>billing", "charges", "c3", "{}")
        .returned(14, "frontDesk>billing", "charges", "c3", "IllegalStateException: ledger down", true, 1)
        .text(20, "frontDesk>billing", "Refunded ")
        .text(21, "frontDesk>billing", "the duplicate\n")
        .text(22, "frontDesk>billing", "charge.")
        .finished(23, "frontDesk>billing", 17, "")
        .handedBack(23, "frontDesk>billing", "frontDesk")
        .returned(23, "frontDesk", "transfer_to_billing", "c1", "Refunded the duplicate charge.", false, 18)
        .text(30, "frontDesk", "All sorted.")
        .finished(31, "frontDesk", 30, "")
        .runFinished(1234, RunStatus.SUCCEEDED)
        .list;

    assertEquals(List.of(
        "  0.000s run run-1 started",
        "  0.001s frontDesk: started (LLM agent)",
        "  0.005s frontDesk: hands off to billing (back) {\"problem\": \"charged twice\"}",
        "  0.006s   frontDesk>billing: started (LLM agent)",
        "  0.010s   frontDesk>billing: calls refund {\"orderId\":\"A-17\",\"cents\":4999}",
        "  0.012s   frontDesk>billing: refund returned in 2ms: refund R-1",
        "  0.013s   frontDesk>billing: calls charges {}",
        "  0.014s   frontDesk>billing: charges FAILED after 1ms: IllegalStateException: ledger down",
        "  0.020s   frontDesk>billing: says \"Refunded the duplicate charge.\"",
        "  0.023s   frontDesk>billing: finished in 17ms",
        "  0.023s   frontDesk>billing: reports back to frontDesk",
        "  0.030s frontDesk: says \"All sorted.\"",
        "  0.031s frontDesk: finished in 30ms",
        "  1.234s run succeeded in 1.2s"), print(events, false));
  }

  @Test
  void branchesWithTimeoutsFailuresAndInterleavedText() {
    List<RunEvent> events = new Events()
        .runStarted(0, false)
        .started(0, "intake", "LLM")
        .handoff(2, "intake", "inspect", false)
        .started(2, "intake>inspect", "LLM")
        .branchStarted(3, "intake>inspect/p78")
        .started(3, "intake>inspect/p78", "LLM")
        .branchStarted(3, "intake>inspect/p80")
        .started(4, "intake>inspect/p80", "LLM")
        .branchStarted(4, "intake>inspect/p82")
        .started(4, "intake>inspect/p82", "CODE")
        .text(100, "intake>inspect/p78", "pressure ")
        .text(101, "intake>inspect/p82", "tyres ok")
        .text(102, "intake>inspect/p78", "ok")
        .finished(103, "intake>inspect/p78", 100, "")
        .branchFinished(103, "intake>inspect/p78",
            new Outcome.Success<>("p78", "pressure ok", Duration.ofMillis(100)))
        .branchFinished(150, "intake>inspect/p82", new Outcome.Failed<>("p82",
            new IllegalStateException("gauge missing"), Duration.ofMillis(147)))
        .branchFinished(2003, "intake>inspect/p80",
            new Outcome.TimedOut<>("p80", Duration.ofSeconds(2)))
        .finished(2004, "intake>inspect/p80", 2001, "RunCancelledException: cancelled")
        .finished(2010, "intake>inspect", 2008, "")
        .finished(2010, "intake", 2010, "")
        .runFinished(2011, RunStatus.SUCCEEDED)
        .list;

    assertEquals(List.of(
        "  0.000s run run-1 started",
        "  0.000s intake: started (LLM agent)",
        "  0.002s intake: hands off to inspect",
        "  0.002s   intake>inspect: started (LLM agent)",
        "  0.003s     intake>inspect/p78: branch started (LLM agent)",
        "  0.004s     intake>inspect/p80: branch started (LLM agent)",
        "  0.004s     intake>inspect/p82: branch started (code agent)",
        "  0.100s     intake>inspect/p78: says \"pressure\"",
        "  0.101s     intake>inspect/p82: says \"tyres ok\"",
        "  0.102s     intake>inspect/p78: says \"ok\"",
        "  0.103s     intake>inspect/p78: branch succeeded in 100ms",
        "  0.150s     intake>inspect/p82: branch FAILED after 146ms: IllegalStateException: gauge missing",
        "  2.003s     intake>inspect/p80: branch TIMED OUT after 2s",
        "  2.010s   intake>inspect: finished in 2s",
        "  2.010s intake: finished in 2s",
        "  2.011s run succeeded in 2s"), print(events, false));
  }

  @Test
  void approvalsPauseTheRunAndAResumedRunSaysSo() {
    List<RunEvent> events = new Events()
        .runStarted(0, false)
        .started(0, "clerk", "CODE")
        .started(1, "clerk/desk", "LLM")
        .called(2, "clerk/desk", "refund", "call_1", "{\"orderId\":\"5521\"}")
        .approval(2, "clerk/desk", "refund", "call_1", "{\"orderId\":\"5521\"}")
        .finished(3, "clerk/desk", 2, "paused for approval")
        .finished(3, "clerk", 3, "paused for approval")
        .runFinished(4, RunStatus.INTERRUPTED)
        .runStarted(60_000, true)
        .started(60_001, "clerk", "CODE")
        .finished(60_002, "clerk", 1, "ModelCallException: HTTP 503")
        .runFailed(60_003, "clerk", RunStatus.FAILED, "ModelCallException: HTTP 503")
        .list;

    assertEquals(List.of(
        "  0.000s run run-1 started",
        "  0.000s clerk: started (code agent)",
        "  0.001s   clerk/desk: started (LLM agent)",
        "  0.002s   clerk/desk: calls refund {\"orderId\":\"5521\"}",
        "  0.002s   clerk/desk: waits for approval: refund {\"orderId\":\"5521\"} (call call_1)",
        "  0.003s   clerk/desk: paused after 2ms, waiting for approval",
        "  0.003s clerk: paused after 3ms, waiting for approval",
        "  0.004s run interrupted after 4ms: waiting for approval",
        "  0.000s run run-1 resumed from its journal",
        "  0.001s clerk: started (code agent)",
        "  0.002s clerk: FAILED after 1ms: ModelCallException: HTTP 503",
        "  0.003s clerk: run FAILED after 3ms: the failure above"), print(events, false));
  }

  @Test
  void aFailureUnwindingThroughItsCallersIsPrintedWholeOnce() {
    String error = "ModelCallException: frontDesk>billing: HTTP 401 from the provider: the API key is"
        + " not valid for this organisation or project, and no retry can help; check OPENAI_API_KEY"
        + " and OPENAI_BASE_URL";
    List<RunEvent> events = new Events()
        .runStarted(0, false)
        .started(1, "frontDesk", "LLM")
        .handoff(2, "frontDesk", "billing", false)
        .started(3, "frontDesk>billing", "LLM")
        .finished(10, "frontDesk>billing", 7, error)
        .finished(11, "frontDesk", 10, error)
        .runFailed(12, "frontDesk>billing", RunStatus.FAILED, error)
        .list;

    List<String> lines = print(events, false);
    assertEquals(List.of(
        "  0.000s run run-1 started",
        "  0.001s frontDesk: started (LLM agent)",
        "  0.002s frontDesk: hands off to billing",
        "  0.003s   frontDesk>billing: started (LLM agent)",
        "  0.010s   frontDesk>billing: FAILED after 7ms: " + error,
        "  0.011s frontDesk: FAILED after 10ms: the failure of frontDesk>billing above",
        "  0.012s   frontDesk>billing: run FAILED after 12ms: the failure above"),
        lines);
    assertEquals(1, lines.stream().filter(l -> l.contains("check OPENAI_API_KEY")).count(),
        "the whole error, hint included, once");
  }

  @Test
  void aFailedModelCallIsPrintedWholeAndItsAgentRefersToIt() {
    String error = "ModelCallException: desk: model call to http://127.0.0.1:9/v1/chat/completions"
        + " failed after 3 attempts: connection failed (ConnectException: Failed to connect);"
        + " check OPENAI_BASE_URL";
    List<RunEvent> events = new Events()
        .runStarted(0, false)
        .started(1, "desk", "LLM")
        .add(new RunEvent.ModelCallFinished(RUN, "desk", 2, T0.plusMillis(2300), "desk", "gpt-4.1",
            3, Duration.ofMillis(2299), "", dev.baton.runtime.model.Usage.NONE, "", "", error))
        .finished(2301, "desk", 2300, error)
        .list;
    assertEquals(List.of(
        "  0.000s run run-1 started",
        "  0.001s desk: started (LLM agent)",
        "  2.300s desk: model gpt-4.1 call FAILED after 2.2s after 3 attempts: " + error,
        "  2.301s desk: FAILED after 2.3s: the failure above"), print(events, false));
  }

  @Test
  void aStructuredOutputRepairIsItsOwnLineBetweenTheTwoAnswers() {
    List<RunEvent> events = new Events()
        .runStarted(0, false)
        .started(1, "debate/judge", "LLM")
        .text(5, "debate/judge", "The winner is pro.")
        .add(new RunEvent.OutputRepairRequested(RUN, "debate/judge", 3, T0.plusMillis(6), "judge",
            "Verdict", "Unrecognized token 'The': was expecting JSON"))
        .text(9, "debate/judge", "{\"winner\": \"pro\"}")
        .finished(10, "debate/judge", 9, "")
        .list;

    assertEquals(List.of(
        "  0.000s run run-1 started",
        "  0.001s   debate/judge: started (LLM agent)",
        "  0.005s   debate/judge: says \"The winner is pro.\"",
        "  0.006s   debate/judge: answer is not a Verdict: Unrecognized token 'The': was expecting"
            + " JSON; asked the model to answer again",
        "  0.009s   debate/judge: says \"{\"winner\": \"pro\"}\"",
        "  0.010s   debate/judge: finished in 9ms"), print(events, false));
  }

  @Test
  void aRunWhoseModelReportedNoUsageSaysHowManyCallsItMadeInPlainWords() {
    // A ScriptedModel, and servers such as llama.cpp without usage in streams, report no tokens.
    List<RunEvent> events = new Events()
        .runStarted(0, false)
        .add(new RunEvent.RunFinished(RUN, "", 1, T0.plusMillis(40), RunStatus.SUCCEEDED,
            Duration.ofMillis(40), new RunUsage(Usage.NONE, 3, Map.of())))
        .list;
    assertEquals(List.of(
        "  0.000s run run-1 started",
        "  0.040s run succeeded in 40ms",
        "  0.040s run made 3 model calls; the model reported no token usage"), print(events, false));
  }

  @Test
  void durationsAgreeWithTheLineTimes() {
    // The events' own durations were measured on another clock and a little earlier.
    List<RunEvent> events = new Events()
        .runStarted(0, false)
        .started(1, "a", "LLM")
        .finished(21, "a", 3, "")
        .add(new RunEvent.RunFinished(RUN, "", 3, T0.plusMillis(23), RunStatus.INTERRUPTED,
            Duration.ofMillis(3)))
        .list;
    assertEquals(List.of(
        "  0.000s run run-1 started",
        "  0.001s a: started (LLM agent)",
        "  0.021s a: finished in 20ms",
        "  0.023s run interrupted after 23ms: waiting for approval"), print(events, false));
  }

  @Test
  void delegatesAreIndentedAndLongTextIsShortened() {
    String longText = "x".repeat(150);
    List<RunEvent> events = new Events()
        .started(0, "boss", "LLM")
        .called(1, "boss", "worker", "c1", "{\"query\":\"" + "q".repeat(100) + "\"}")
        .started(1, "boss+worker", "LLM")
        .text(2, "boss+worker", longText)
        .finished(3, "boss+worker", 2, "")
        .returned(3, "boss", "worker", "c1", longText, false, 2)
        .runFailed(5, "boss", RunStatus.CANCELLED, "RunCancelledException: boss: run run-1 was cancelled")
        .list;

    assertEquals(List.of(
        "  0.000s boss: started (LLM agent)",
        "  0.001s boss: calls worker {\"query\":\"" + "q".repeat(67) + "...",
        "  0.001s   boss+worker: started (LLM agent)",
        "  0.002s   boss+worker: says \"" + "x".repeat(97) + "...\"",
        "  0.003s   boss+worker: finished in 2ms",
        "  0.003s boss: worker returned in 2ms: " + "x".repeat(97) + "...",
        "  0.005s boss: run CANCELLED after 5ms: RunCancelledException: boss: run run-1 was cancelled"),
        print(events, false));
  }

  @Test
  void colourOnlyWhenAsked() {
    List<RunEvent> events = new Events()
        .runStarted(0, false)
        .finished(1, "a", 1, "boom")
        .runFinished(2, RunStatus.SUCCEEDED)
        .list;

    assertFalse(String.join("\n", print(events, false)).contains("\u001B["));
    List<String> coloured = print(events, true);
    assertEquals("  0.001s a: \u001B[31mFAILED after 1ms: boom\u001B[0m", coloured.get(1));
    assertEquals("  0.002s \u001B[32mrun succeeded in 2ms\u001B[0m", coloured.get(2));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunListener plain = RunEvents.printer(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    events.forEach(plain::onEvent);
    assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\u001B["));
  }

  @Test
  void printConsumesTheRunsEventsUntilItEnds() {
    List<RunEvent> events = new Events()
        .runStarted(0, false)
        .started(0, "a", "LLM")
        .text(1, "a", "hi")
        .finished(2, "a", 2, "")
        .runFinished(3, RunStatus.SUCCEEDED)
        .list;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    RunEvents.print(new CannedRun(events), new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(5, printed.lines().count(), printed);
    assertTrue(printed.contains("a: says \"hi\""), printed);
  }

  /** A run that has already ended with the given events. */
  private record CannedRun(List<RunEvent> events_) implements Run<String> {
    @Override
    public String id() {
      return RUN;
    }

    @Override
    public Stream<RunEvent> events() {
      return events_.stream();
    }

    @Override
    public String await() {
      return "done";
    }

    @Override
    public String await(Duration timeout) {
      return "done";
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public java.util.concurrent.CompletionStage<String> asCompletionStage() {
      return java.util.concurrent.CompletableFuture.completedFuture("done");
    }

    @Override
    public void cancel() {}

    @Override
    public RunStatus status() {
      return RunStatus.SUCCEEDED;
    }

    @Override
    public List<PendingApproval> approvals() {
      return List.of();
    }

    @Override
    public RunState state() {
      throw new UnsupportedOperationException();
    }
  }
}
