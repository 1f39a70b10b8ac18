package dev.baton.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunState;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An MCP toolset over streamable HTTP, against {@link TrackerServer} in Tomcat on loopback. */
class HttpToolsetTest {
  private TrackerServer tracker;
  private McpSyncServer server;
  private LoopbackHttp http;
  private McpToolset toolset;

  @BeforeEach
  void start() throws Exception {
    tracker = new TrackerServer();
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder().jsonMapper(TrackerServer.JSON)
            .mcpEndpoint("/mcp").build();
    server = McpServer.sync(transport).serverInfo("tracker", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tracker.tools()).build();
    tracker.server.set(server);
    http = new LoopbackHttp(transport);
  }

  @AfterEach
  void stop() throws Exception {
    tracker.releaseSlow.countDown();
    if (toolset != null) {
      toolset.close();
    }
    server.close();
    http.close();
  }

  @Test
  void listsCallsAndSendsHeaders() {
    toolset = McpToolset.streamableHttp(http.url()).header("Authorization", "Bearer s3cret")
        .rename("get_issue", "read_issue").build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s.call("read_issue", "{\"id\":\"3\"}")
            .call("lock_issue", "{\"id\":\"3\"}")
            .reply("done"))
        .build();
    Orchestrator o = Orchestrator.builder(StdioToolsetTest.triage()).model(model)
        .toolset("tracker", toolset).build();

    assertEquals("done", o.call("triage", "read 3"));
    List<ToolMessage> results = StdioToolsetTest.toolResults(model);
    assertEquals("Issue 3: the printer is on fire", results.get(0).content());
    assertTrue(results.get(1).error());
    assertTrue(results.get(1).content().contains("locked by an admin"));
    assertEquals(1, tracker.calls("get_issue"));
    assertTrue(model.requests().get(0).tools().stream().anyMatch(t -> t.name().equals("read_issue")));
    assertTrue(results.stream().noneMatch(r -> r.content().contains("s3cret")));
  }

  @Test
  void aServerSideFailureIsAnErrorResult() {
    toolset = McpToolset.streamableHttp(http.url()).build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s.call("crash", "{\"id\":\"1\"}").reply("the tracker failed"))
        .build();
    Orchestrator o = Orchestrator.builder(StdioToolsetTest.triage()).model(model)
        .toolset("tracker", toolset).build();

    assertEquals("the tracker failed", o.call("triage", "crash"));
    ToolMessage result = StdioToolsetTest.toolResults(model).get(0);
    assertTrue(result.error(), result.content());
    assertTrue(result.content().startsWith("Error: tool crash failed: McpToolException: "),
        result.content());
  }

  @Test
  void credentialsInTheUrlStayOutOfMessages() {
    McpToolset secret = McpToolset.streamableHttp(
        "http://user:pa55@127.0.0.1:1/mcp?token=t0ken").connectTimeout(java.time.Duration.ofSeconds(5))
        .build();
    McpConnectionException e = assertThrows(McpConnectionException.class, secret::tools);
    assertTrue(e.getMessage().startsWith("cannot connect to MCP server http://127.0.0.1:1/mcp: "),
        e.getMessage());
    assertTrue(!e.getMessage().contains("pa55") && !e.getMessage().contains("t0ken"), e.getMessage());
    assertEquals("McpToolset[http://127.0.0.1:1/mcp]", secret.toString());
    secret.close();
  }

  @Test
  void aGatewayThatQuotesTheCredentialsIsNotQuoted() throws Exception {
    // An auth gateway in front of the server that answers with the request's URL and header in its
    // body; the SDK quotes response bodies in its exception messages.
    com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    gateway.createContext("/", ex -> {
      byte[] body = ("{\"error\":\"no route for " + ex.getRequestURI() + " with "
          + ex.getRequestHeaders().getFirst("Authorization") + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(500, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    gateway.start();
    try (McpToolset behind = McpToolset.streamableHttp("http://127.0.0.1:" + gateway.getAddress().getPort()
        + "/mcp?token=t0ken-in-url").header("Authorization", "Bearer s3cret-header").build()) {
      McpConnectionException e = assertThrows(McpConnectionException.class, behind::tools);
      assertTrue(e.getMessage().contains("500") && e.getMessage().contains("no route for /mcp?******"),
          e.getMessage());
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertTrue(!t.getMessage().contains("t0ken-in-url") && !t.getMessage().contains("s3cret-header"),
            t.getMessage());
      }
    } finally {
      gateway.stop(0);
    }
  }

  @Test
  void toolsetLevelApprovalCoversEveryTool() {
    toolset = McpToolset.streamableHttp(http.url()).approval().build();
    assertTrue(toolset.tools().stream().allMatch(dev.baton.graph.ToolSpec::approval));
    assertEquals(6, toolset.tools().size());
  }

  @Test
  void aSlowToolIsCancelledByItsBranchTimeout() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    http.onBody(b -> {
      if (b.contains("notifications/cancelled")) {
        cancelled.countDown();
      }
    });
    toolset = McpToolset.streamableHttp(http.url()).build();
    AgentGraph review = AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("issue", String.class).output(String.class)
            .parallel("checker", "quick").timeout("2s"))
        .llmAgent("checker", a -> a.instructions("Check.").input("issue", String.class)
            .toolsets("tracker"))
        .llmAgent("quick", a -> a.instructions("Look.").input("issue", String.class))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("checker", s -> s.call("slow", "{\"id\":\"1\"}").reply("never"))
        .agent("quick", s -> s.reply("looks fine"))
        .build();
    Orchestrator o = Orchestrator.builder(review).model(model).toolset("tracker", toolset).build();

    Run<Results<String>> run = o.start(() -> o.<Results<String>>call("review", "issue 1"));
    Results<String> results = run.await();

    assertInstanceOf(Outcome.TimedOut.class, results.outcome("checker"));
    assertEquals("looks fine", results.successes().get("quick"));
    assertTrue(tracker.slowStarted.await(0, TimeUnit.SECONDS), "the slow tool was reached");
    assertTrue(cancelled.await(30, TimeUnit.SECONDS), "the server was told to cancel: " + http.bodies);
    assertEquals(1, tracker.calls("slow"));
    // The cancelled call left no thread of the run behind.
    dev.baton.runtime.Threads.assertNoneLeft(run.id());
  }

  @Test
  void approvalOnAnMcpToolPausesAndResumeCallsEachToolOnce() {
    toolset = McpToolset.streamableHttp(http.url()).approval("lock_issue").build();
    ScriptedModel first = ScriptedModel.builder()
        .agent("triage", s -> s.call("get_issue", "{\"id\":\"9\"}").call("lock_issue", "{\"id\":\"9\"}"))
        .build();
    Run<Object> run = Orchestrator.builder(StdioToolsetTest.triage()).model(first)
        .toolset("tracker", toolset).build().start("triage", "lock 9");
    ApprovalRequiredException paused = assertThrows(ApprovalRequiredException.class, run::await);
    assertEquals(List.of("lock_issue"), paused.state().approvals().stream().map(a -> a.tool()).toList());
    assertEquals(1, tracker.calls("get_issue"));
    assertEquals(0, tracker.calls("lock_issue"));

    RunState state = RunState.fromJson(paused.state().toJson());
    ScriptedModel rest = ScriptedModel.builder()
        .agent("triage", s -> s.respond(r -> ModelResponse.text("lock: "
            + ((ToolMessage) r.messages().get(r.messages().size() - 1)).content())))
        .build();
    Run<Object> resumed = Orchestrator.builder(StdioToolsetTest.triage()).model(rest)
        .toolset("tracker", toolset).build().resume(state.approve(state.approvals().get(0).callId()));
    assertEquals("lock: Error: tool lock_issue failed: McpToolException: issue 9 is locked by an admin",
        resumed.await());
    assertEquals(1, tracker.calls("get_issue"), "a resumed run does not call a journaled tool again");
    assertEquals(1, tracker.calls("lock_issue"));
    assertEquals(1, rest.callCount());
  }

  @Test
  void aServerThatStopsIsAnErrorResult() throws Exception {
    toolset = McpToolset.streamableHttp(http.url()).build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("triage", s -> s.respond(r -> {
              try {
                http.close();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              return ModelResponse.toolCalls(List.of(ScriptedModel.toolCall("get_issue", "{\"id\":\"4\"}")));
            })
            .reply("tracker unreachable"))
        .build();
    Orchestrator o = Orchestrator.builder(StdioToolsetTest.triage()).model(model)
        .toolset("tracker", toolset).build();

    assertEquals("tracker unreachable", o.call("triage", "read 4"));
    ToolMessage result = StdioToolsetTest.toolResults(model).get(0);
    assertTrue(result.error(), result.content());
    assertTrue(result.content().startsWith("Error: tool get_issue failed: McpToolException: MCP"
        + " server http://127.0.0.1:"), result.content());
  }
}
