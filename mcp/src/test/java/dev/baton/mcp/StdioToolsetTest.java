package dev.baton.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.Threads;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An MCP toolset over stdio, against {@link TrackerServer} running in a child JVM. */
class StdioToolsetTest {
  private McpToolset toolset;

  static McpToolset.Builder childServer() {
    String java = ProcessHandle.current().info().command().orElseThrow();
    return McpToolset.stdio(java, "-cp", System.getProperty("java.class.path"),
        TrackerServer.class.getName());
  }

  static AgentGraph triage() {
    return AgentGraph.builder("Triage")
        .llmAgent("triage", a -> a.instructions("Triage issues.").input("message", String.class)
            .toolsets("tracker"))
        .build();
  }

  static List<ToolMessage> toolResults(ScriptedModel model) {
    return model.requests().stream().flatMap(r -> r.messages().stream())
        .filter(m -> m instanceof ToolMessage).map(m -> (ToolMessage) m).distinct().toList();
  }

  @AfterEach
  void close() throws InterruptedException {
    if (toolset != null) {
      toolset.close();
    }
    // Bounded: a run's own thread completes the result and ends a few instructions later.
    assertEquals(java.util.Set.of(), Threads.awaitNone("", java.time.Duration.ofSeconds(10)),
        "no run or toolset thread outlives the test");
  }

  @Test
  void listsCallsAndSeesAToolError() {
    toolset = childServer().prefix("tracker_").build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s.call("tracker_get_issue", "{\"id\":\"7\"}")
            .call("tracker_lock_issue", "{\"id\":\"7\"}")
            .reply("handled"))
        .build();
    Orchestrator o = Orchestrator.builder(triage()).model(model).toolset("tracker", toolset).build();

    Run<Object> run = o.start("triage", "printer on fire");
    assertEquals("handled", run.await());

    List<String> offered = model.requests().get(0).tools().stream().map(t -> t.name()).toList();
    assertEquals(List.of("tracker_get_issue", "tracker_lock_issue", "tracker_slow", "tracker_crash",
        "tracker_die", "tracker_add_tool"), offered);
    assertTrue(model.requests().get(0).tools().get(0).parametersSchema().contains("\"the issue id\""));
    List<ToolMessage> results = toolResults(model);
    assertEquals("Issue 7: the printer is on fire", results.get(0).content());
    assertTrue(results.get(1).error());
    assertTrue(results.get(1).content().contains("issue 7 is locked by an admin"), results.get(1).content());
    assertTrue(run.events().anyMatch(e -> e instanceof RunEvent.ToolCalled c
        && c.tool().equals("tracker_get_issue")));
  }

  @Test
  void aServerThatDiesMidCallIsAnErrorResultAndTheRunGoesOn() {
    // The call timeout is a backstop far above the test's run time: the death must be noticed.
    toolset = childServer().callTimeout(java.time.Duration.ofMinutes(5)).build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s.call("die", "{\"id\":\"1\"}")
            .call("get_issue", "{\"id\":\"2\"}")
            .reply("the tracker is down"))
        .build();
    Orchestrator o = Orchestrator.builder(triage()).model(model).toolset("tracker", toolset).build();

    assertEquals("the tracker is down", o.call("triage", "check 1"));
    List<ToolMessage> results = toolResults(model);
    assertTrue(results.get(0).error(), results.get(0).content());
    assertTrue(results.get(0).content().contains("exited"), results.get(0).content());
    assertTrue(results.get(1).error(), results.get(1).content());
    assertTrue(results.get(1).content().contains("is gone"), results.get(1).content());
  }

  @Test
  void listChangesReachLaterTurns() {
    toolset = childServer().build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s.call("add_tool", "{\"id\":\"-\"}")
            .respond(r -> r.tools().stream().anyMatch(t -> t.name().equals("close_issue"))
                ? ModelResponse.toolCalls(List.of(ScriptedModel.toolCall("close_issue", "{\"id\":\"5\"}")))
                : ModelResponse.text("no close_issue yet"))
            .reply("closed"))
        .build();
    Orchestrator o = Orchestrator.builder(triage()).model(model).toolset("tracker", toolset).build();

    assertEquals("closed", o.call("triage", "close 5"));
    assertEquals("closed 5", toolResults(model).get(1).content());
  }

  @Test
  void aServerThatCannotStartFailsTheBuildNamingIt() {
    toolset = McpToolset.stdio("/nonexistent/mcp-server").connectTimeout(java.time.Duration.ofSeconds(5))
        .build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Orchestrator
        .builder(triage()).model(ScriptedModel.builder().build()).toolset("tracker", toolset).build());
    assertTrue(e.getMessage().contains("toolset \"tracker\" of \"triage\" cannot list its tools"),
        e.getMessage());
    assertTrue(e.getMessage().contains("cannot start MCP server \"mcp-server\" (stdio): no"
        + " executable file /nonexistent/mcp-server"), e.getMessage());
  }

  @Test
  void approvalIsSetPerTool() {
    toolset = childServer().approval("lock_issue").build();
    List<ToolSpec> tools = toolset.tools();
    assertTrue(tools.stream().filter(t -> t.name().equals("lock_issue")).allMatch(ToolSpec::approval));
    assertTrue(tools.stream().filter(t -> !t.name().equals("lock_issue")).noneMatch(ToolSpec::approval));
  }
}
