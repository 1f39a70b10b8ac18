package dev.baton.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A back-handoff desk served as MCP tools, called with the SDK's own client. */
class ServedDeskTest {
  private static final McpSchema.CallToolRequest CHARGED_TWICE = new McpSchema.CallToolRequest(
      "frontDesk", Map.of("message", "I was charged twice"), Map.of("progressToken", "p-1"));

  private static HttpClientStreamableHttpTransport http(LoopbackHttp server) {
    String url = server.url();
    return HttpClientStreamableHttpTransport.builder(url.substring(0, url.indexOf("/mcp")))
        .endpoint("/mcp").jsonMapper(TrackerServer.JSON).build();
  }

  /** Calls the front desk and checks its answer, tool listing and progress. */
  private static void callDesk(McpClientTransport transport) throws InterruptedException {
    List<String> progress = new CopyOnWriteArrayList<>();
    CountDownLatch finished = new CountDownLatch(1);
    try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
        .progressConsumer(p -> {
          progress.add(p.message());
          if (p.message().equals("run succeeded")) {
            finished.countDown();
          }
        }).build()) {
      client.initialize();
      McpSchema.Tool tool = client.listTools().tools().stream()
          .filter(t -> t.name().equals("frontDesk")).findFirst().orElseThrow();
      assertEquals("Answers customers; hands billing problems to billing.", tool.description());
      assertEquals(List.of("message"), tool.inputSchema().get("required"));

      McpSchema.CallToolResult result = client.callTool(CHARGED_TWICE);

      assertFalse(result.isError());
      assertEquals("Billing says: refund issued for the double charge",
          ((McpSchema.TextContent) result.content().get(0)).text());
      assertTrue(finished.await(30, TimeUnit.SECONDS), "progress: " + progress);
      assertTrue(progress.contains("frontDesk: handoff frontDesk → billing (back)"), progress.toString());
      assertTrue(progress.contains("frontDesk>billing: billing started"), progress.toString());
      assertTrue(progress.stream().anyMatch(p -> p.endsWith("hands back to frontDesk")), progress.toString());
      // The client may hand notifications to its consumer out of order: look for each, not at order.
      assertTrue(progress.contains("run succeeded"), progress.toString());
    }
  }

  @Test
  void overStreamableHttp() throws Exception {
    McpAgentServer desk = McpAgentServer.builder(new DeskFixture().runner()).agent("frontDesk").build();
    try (LoopbackHttp server = new LoopbackHttp(desk.streamableHttpServlet("/mcp"))) {
      callDesk(http(server));
    }
  }

  @Test
  void aRecordOutputIsStructuredContent() throws Exception {
    McpAgentServer desk = McpAgentServer.builder(new DeskFixture().runner())
        .agent("classify", "route_message").build();
    try (LoopbackHttp server = new LoopbackHttp(desk.streamableHttpServlet("/mcp"));
        McpSyncClient client = McpClient.sync(http(server)).build()) {
      client.initialize();
      McpSchema.Tool tool = client.listTools().tools().get(0);
      assertEquals("route_message", tool.name());
      assertEquals("object", tool.outputSchema().get("type"));

      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(
          "route_message", Map.of("message", "refund please")));

      assertFalse(result.isError());
      assertEquals(Map.of("team", "billing", "priority", 2), result.structuredContent());
      assertEquals("{\"team\":\"billing\",\"priority\":2}",
          ((McpSchema.TextContent) result.content().get(0)).text());
    }
  }

  @Test
  void argumentsThatMissTheInputSchemaAreAnErrorResult() throws Exception {
    // The SDK's server checks arguments against the compile-time schema before the agent runs.
    McpAgentServer desk = McpAgentServer.builder(new DeskFixture().runner()).agent("frontDesk").build();
    try (LoopbackHttp server = new LoopbackHttp(desk.streamableHttpServlet("/mcp"));
        McpSyncClient client = McpClient.sync(http(server)).build()) {
      client.initialize();
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(
          "frontDesk", Map.of("text", "hello")));
      assertTrue(result.isError());
      assertTrue(((McpSchema.TextContent) result.content().get(0)).text()
          .contains("required property 'message' not found"), result.toString());
    }
  }

  @Test
  void overStdioInAChildProcess() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ServerParameters child = ServerParameters.builder(java)
        .args("-cp", System.getProperty("java.class.path"), DeskServerMain.class.getName()).build();
    callDesk(new StdioClientTransport(child, TrackerServer.JSON));
  }

  @Test
  void mcpCancellationCancelsTheRun() throws Exception {
    DeskFixture fixture = new DeskFixture();
    McpAgentServer desk = McpAgentServer.builder(fixture.runner()).agent("research").build();
    try (LoopbackHttp server = new LoopbackHttp(desk.streamableHttpServlet("/mcp"))) {
      CallTracker tracker = new CallTracker(http(server), () -> { }, () -> { });
      McpAsyncClient client = McpClient.async(tracker).requestTimeout(Duration.ofSeconds(60)).build();
      try {
        client.initialize().block(Duration.ofSeconds(30));
        client.callTool(new McpSchema.CallToolRequest("research", Map.of("topic", "tides"),
            Map.of("progressToken", "r-1"))).onErrorResume(e -> Mono.empty()).subscribe();
        assertTrue(fixture.researchStarted.await(30, TimeUnit.SECONDS), "the agent started");

        tracker.cancel("r-1", "the user gave up");

        assertTrue(fixture.researchInterrupted.await(30, TimeUnit.SECONDS),
            "the served run was cancelled: " + server.bodies);
      } finally {
        client.close();
      }
    }
  }
}
