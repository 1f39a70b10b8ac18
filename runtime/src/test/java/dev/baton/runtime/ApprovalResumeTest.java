package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static dev.baton.runtime.ResumeFixtures.lastToolResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Results;
import dev.baton.runtime.ResumeFixtures.CountingTools;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Approval pauses and resumes. Every resume runs in a fresh orchestrator with a fresh model whose
 * script holds only the steps left, from a state that went through JSON: a repeated model call
 * would find no script step, a repeated tool call would show in the counts.
 */
@ExtendWith(NoRunThreadsLeft.class)
class ApprovalResumeTest {

  private static Orchestrator desk(ScriptedModel model, CountingTools tools) {
    return Orchestrator.builder(ResumeFixtures.desk()).model(model).tools(OWNER, tools).build();
  }

  private static RunState throughJson(RunState state) {
    return RunState.fromJson(state.toJson());
  }

  @Test
  void approvalInTheTopAgentPausesTheRunAndResumeFinishesIt() {
    ScriptedModel first = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("lookup", "{}").call("refund", "{}"))
        .build();
    CountingTools tools = new CountingTools();
    Run<Object> run = desk(first, tools).start("frontDesk", "I was charged twice");

    ApprovalRequiredException paused = assertThrows(ApprovalRequiredException.class, run::await);
    assertEquals(RunStatus.INTERRUPTED, run.status());
    assertEquals(List.of("refund"), run.approvals().stream().map(PendingApproval::tool).toList());
    assertEquals("frontDesk", run.approvals().get(0).path());
    assertEquals(0, tools.count("refund"));
    assertTrue(run.events().anyMatch(e -> e instanceof RunEvent.ApprovalRequested a
        && a.approval().tool().equals("refund")));
    Threads.assertNoneLeft(run.id());

    RunState state = throughJson(paused.state());
    String callId = state.approvals().get(0).callId();
    ScriptedModel rest = ScriptedModel.builder()
        .agent("frontDesk", s -> s.respond(r -> ModelResponse.text("Refund: "
            + lastToolResult(r).content())))
        .build();
    CountingTools later = new CountingTools();
    Run<Object> resumed = desk(rest, later).resume(state.approve(callId));

    assertEquals("Refund: refund done", resumed.await());
    assertEquals(run.id(), resumed.id());
    assertEquals(1, rest.callCount());
    assertEquals(3, first.callCount() + rest.callCount(), "three model turns, none repeated");
    assertEquals(Map.of("lookup", 1, "refund", 0), Map.of("lookup", tools.count("lookup"),
        "refund", tools.count("refund")));
    assertEquals(Map.of("lookup", 0, "refund", 1), Map.of("lookup", later.count("lookup"),
        "refund", later.count("refund")));
    assertTrue(resumed.events().anyMatch(e -> e instanceof RunEvent.RunStarted s && s.resumed()));
    Threads.assertNoneLeft(run.id());
  }

  @Test
  void blockingCallThrowsApprovalRequiredCarryingTheState() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("refund", "{\"order\":\"A-17\"}"))
        .build();
    Orchestrator o = desk(model, new CountingTools());

    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class,
        () -> o.call("frontDesk", "refund A-17"));

    RunState state = e.state();
    assertEquals("Desk", state.graph());
    assertEquals("frontDesk", state.entryAgent());
    assertEquals("[\"refund A-17\"]", state.entryArguments());
    assertEquals(e.runId(), state.runId());
    assertEquals(1, e.approvals().size());
    PendingApproval p = e.approvals().get(0);
    assertEquals("refund", p.tool());
    assertEquals("{\"order\":\"A-17\"}", p.arguments());
    assertTrue(e.getMessage().contains("refund"), e.getMessage());
    assertTrue(state.journal().stream().anyMatch(j -> j.key().equals("frontDesk#m1")),
        () -> state.journal().toString());
    Threads.assertNoneLeft(state.runId());
  }

  @Test
  void rejectionReachesTheModelAsTheToolResultWithItsReason() {
    ScriptedModel first = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("refund", "{}"))
        .build();
    CountingTools tools = new CountingTools();
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class,
        () -> desk(first, tools).call("frontDesk", "refund please"));
    RunState state = throughJson(e.state());
    String callId = state.approvals().get(0).callId();

    ScriptedModel rest = ScriptedModel.builder()
        .agent("frontDesk", s -> s.respond(r -> ModelResponse.text("Sorry: "
            + lastToolResult(r).content())))
        .build();
    Object answer = desk(rest, tools).resume(state.reject(callId, "over the refund limit")).await();

    ToolMessage seen = lastToolResult(rest.requests().get(0));
    assertTrue(seen.error());
    assertTrue(callId.startsWith(seen.callId() + "@"), "the approval names this call occurrence: "
        + callId);
    assertTrue(seen.content().contains("over the refund limit"), seen.content());
    assertEquals("Sorry: " + seen.content(), answer);
    assertEquals(0, tools.count("refund"));
  }

  @Test
  void approvalInABackHandoffTargetResumesIntoTheTargetAndReturnsToTheOrchestrator() {
    ScriptedModel first = ScriptedModel.builder()
        .agent("frontDesk", s -> s.handoff("billing", "{\"problem\":\"charged twice\"}"))
        .agent("billing", s -> s.call("audit", "{}").call("payout", "{}"))
        .build();
    CountingTools tools = new CountingTools();
    Run<Object> run = desk(first, tools).start("frontDesk", "I was charged twice");
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class, run::await);
    assertEquals("frontDesk>billing", e.approvals().get(0).path());

    RunState state = throughJson(e.state());
    ScriptedModel rest = ScriptedModel.builder()
        .agent("billing", s -> s.respond(r -> ModelResponse.text("billing: "
            + lastToolResult(r).content())))
        .agent("frontDesk", s -> s.respond(r -> ModelResponse.text("Front desk: "
            + lastToolResult(r).content())))
        .build();
    CountingTools later = new CountingTools();
    Run<Object> resumed = desk(rest, later).resume(state.approve(state.approvals().get(0).callId()));

    // The specialist's answer answers the orchestrator's handoff call, and the orchestrator ends
    // the run: the handoff stack came back from the journal.
    assertEquals("Front desk: billing: payout done", resumed.await());
    assertEquals(List.of("frontDesk>billing", "frontDesk"),
        rest.requests().stream().map(ModelRequest::path).toList());
    assertTrue(resumed.events().anyMatch(ev -> ev instanceof RunEvent.HandedBack h
        && h.from().equals("billing") && h.to().equals("frontDesk")));
    assertEquals(1, tools.count("audit"));
    assertEquals(0, later.count("audit"));
    assertEquals(1, later.count("payout"));
  }

  @Test
  void approvalInOneBranchOfAFanOutDoesNotRerunTheFinishedBranches() {
    ScriptedModel first = ScriptedModel.builder()
        .agent("security", s -> s.call("quarantine", "{}"))
        .agent("style", s -> s.reply("style ok"))
        .agent("tests", s -> s.reply("tests ok"))
        .build();
    CountingTools tools = new CountingTools();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.review()).model(first).tools(OWNER, tools)
        .build();
    Run<Object> run = o.start("review", "diff --git");
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class, run::await);
    assertEquals("review/security", e.approvals().get(0).path());
    // The siblings finished while security waited; their outcomes are in the journal.
    assertTrue(e.state().journal().stream().anyMatch(j -> j.key().equals("review/style#outcome")));
    assertTrue(e.state().journal().stream().anyMatch(j -> j.key().equals("review/tests#outcome")));
    Threads.assertNoneLeft(run.id());

    RunState state = throughJson(e.state());
    ScriptedModel rest = ScriptedModel.builder()
        .agent("security", s -> s.reply("quarantined"))
        .build();
    Orchestrator fresh = Orchestrator.builder(ResumeFixtures.review()).model(rest)
        .tools(OWNER, tools).build();
    Object out = fresh.resume(state.approve(state.approvals().get(0).callId())).await();

    Results<?> results = assertInstanceOf(Results.class, out);
    assertEquals(Map.of("security", "quarantined", "style", "style ok", "tests", "tests ok"),
        results.successes());
    assertEquals(List.of("review/security"), rest.requests().stream().map(ModelRequest::path).toList());
    assertEquals(1, tools.count("quarantine"));
  }

  @Test
  void liveStepsAfterAResumeSeeTheBranchConversationOfTheReplayedOnes() {
    CodeAgent body = (o, args) -> {
      String notes = o.call("research", args[0]);
      return o.call("write", notes);
    };
    ScriptedModel first = ScriptedModel.builder()
        .agent("research", s -> s.reply("notes on otters"))
        .agent("write", s -> s.call("publish", "{}"))
        .build();
    CountingTools tools = new CountingTools();
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class, () ->
        Orchestrator.builder(ResumeFixtures.pipeline()).model(first).tools(OWNER, tools)
            .codeAgent("pipeline", body).build().call("pipeline", "otters"));
    RunState state = throughJson(e.state());

    ScriptedModel rest = ScriptedModel.builder()
        .agent("write", s -> s.reply("an article"))
        .build();
    Object answer = Orchestrator.builder(ResumeFixtures.pipeline()).model(rest).tools(OWNER, tools)
        .codeAgent("pipeline", body).build()
        .resume(state.approve(state.approvals().get(0).callId())).await();

    assertEquals("an article", answer);
    // research was answered from the journal, yet write's live turn sees research's input and
    // answer in the branch conversation, exactly as it did before the pause.
    ModelRequest live = rest.requests().get(0);
    List<?> before = first.requests("write").get(0).messages();
    assertEquals(before, live.messages().subList(0, before.size()));
    assertTrue(live.messages().toString().contains("notes on otters"), live.messages().toString());
    assertEquals(1, tools.count("publish"));
    assertFalse(rest.requests().stream().anyMatch(r -> r.agent().equals("research")));
  }
}
