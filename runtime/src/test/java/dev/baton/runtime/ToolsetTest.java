package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Toolsets: tools bound at run time, offered, called, refreshed, approved and journaled. */
@ExtendWith(NoRunThreadsLeft.class)
class ToolsetTest {
  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}";

  /** A toolset whose list can change and which counts its calls. */
  static final class Tracker implements Toolset {
    final List<ToolSpec> tools = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    Tracker(ToolSpec... initial) {
      tools.addAll(List.of(initial));
    }

    @Override
    public List<ToolSpec> tools() {
      return List.copyOf(tools);
    }

    @Override
    public Object call(String tool, ToolArguments arguments, RunContext context) throws Exception {
      calls.incrementAndGet();
      String id = arguments.get("id", String.class);
      if (id.equals("boom")) {
        throw new IllegalStateException("issue boom is locked");
      }
      return tool + " " + id + " at " + context.path();
    }
  }

  static ToolSpec spec(String name, boolean approval) {
    return new ToolSpec(name, "The " + name + " tool.", SCHEMA, approval, "tracker");
  }

  static AgentGraph graph() {
    return AgentGraph.builder("Triage")
        .llmAgent("triage", a -> a.instructions("Triage issues.").input("message", String.class)
            .toolsets("tracker"))
        .build();
  }

  @Test
  void buildFailsNamingAToolsetNobodyBound() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Orchestrator.builder(graph()).model(ScriptedModel.builder().build()).build());
    assertTrue(e.getMessage().contains("no toolset bound for \"tracker\" (listed by \"triage\")"),
        e.getMessage());
  }

  @Test
  void buildFailsOnAClashWithTheAgentsOwnTools() {
    AgentGraph g = AgentGraph.builder("Triage")
        .llmAgent("triage", a -> a.instructions("Triage.").input("message", String.class)
            .toolsets("tracker").tool(new ToolSpec("get_issue", "", SCHEMA, false, "x.Tools")))
        .build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Orchestrator.builder(g).model(ScriptedModel.builder().build())
            .tools("x.Tools", (t, a, c) -> "ok")
            .toolset("tracker", new Tracker(spec("get_issue", false))).build());
    assertTrue(e.getMessage().contains("tool \"get_issue\" of toolset \"tracker\" clashes with a"
        + " tool of its own on agent \"triage\""), e.getMessage());
  }

  @Test
  void modelSeesToolsetToolsAndCallsThem() {
    Tracker tracker = new Tracker(spec("get_issue", false));
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s.call("get_issue", "{\"id\":\"7\"}").call("get_issue", "{\"id\":\"boom\"}")
            .respond(r -> ModelResponse.text("done")))
        .build();
    Orchestrator o = Orchestrator.builder(graph()).model(model).toolset("tracker", tracker).build();

    Run<Object> run = o.start("triage", "look at 7");
    assertEquals("done", run.await());

    assertEquals(List.of("get_issue"), model.requests().get(0).tools().stream()
        .map(t -> t.name()).toList());
    List<RunEvent.ToolReturned> returned = run.events()
        .filter(e -> e instanceof RunEvent.ToolReturned).map(e -> (RunEvent.ToolReturned) e).toList();
    assertEquals("get_issue 7 at triage", returned.get(0).result());
    assertTrue(returned.get(1).error());
    assertTrue(returned.get(1).result().contains("issue boom is locked"), returned.get(1).result());
    assertEquals(2, tracker.calls.get());
  }

  @Test
  void laterTurnsSeeAChangedList() {
    Tracker tracker = new Tracker(spec("get_issue", false));
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s.respond(r -> {
              tracker.tools.add(spec("close_issue", false));
              return ModelResponse.toolCalls(List.of(ScriptedModel.toolCall("get_issue", "{\"id\":\"1\"}")));
            })
            .call("close_issue", "{\"id\":\"1\"}")
            .reply("closed"))
        .build();
    Orchestrator o = Orchestrator.builder(graph()).model(model).toolset("tracker", tracker).build();

    assertEquals("closed", o.call("triage", "close 1"));
    assertEquals(List.of("get_issue"), model.requests().get(0).tools().stream().map(t -> t.name()).toList());
    assertEquals(List.of("get_issue", "close_issue"), model.requests().get(1).tools().stream()
        .map(t -> t.name()).toList());
    ToolMessage closed = (ToolMessage) model.requests().get(2).messages()
        .get(model.requests().get(2).messages().size() - 1);
    assertEquals("close_issue 1 at triage", closed.content());
  }

  @Test
  void approvalPausesAToolsetCallAndResumeCallsEachToolOnce() {
    Tracker first = new Tracker(spec("get_issue", false), spec("delete_issue", true));
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s.call("get_issue", "{\"id\":\"9\"}").call("delete_issue", "{\"id\":\"9\"}"))
        .build();
    Run<Object> run = Orchestrator.builder(graph()).model(model).toolset("tracker", first).build()
        .start("triage", "delete 9");
    ApprovalRequiredException paused = assertThrows(ApprovalRequiredException.class, run::await);
    assertEquals(1, first.calls.get(), "get_issue ran; delete_issue waits");
    assertEquals("delete_issue", paused.state().approvals().get(0).tool());
    RunState state = RunState.fromJson(paused.state().toJson());

    Tracker second = new Tracker(spec("get_issue", false), spec("delete_issue", true));
    ScriptedModel rest = ScriptedModel.builder()
        .agent("triage", s -> s.respond(r -> ModelResponse.text("deleted: "
            + ((ToolMessage) r.messages().get(r.messages().size() - 1)).content())))
        .build();
    Orchestrator again = Orchestrator.builder(graph()).model(rest).toolset("tracker", second).build();
    Run<Object> resumed = again.resume(state.approve(state.approvals().get(0).callId()));
    assertEquals("deleted: delete_issue 9 at triage", resumed.await());
    assertEquals(1, second.calls.get(), "only delete_issue runs on resume; get_issue is journaled");
    assertEquals(1, rest.callCount());
  }
}
