package dev.baton.examples.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small issue tracker speaking MCP over standard input and output, built with the MCP Java SDK's
 * server API: {@code search_issues} and {@code create_issue}. The example starts it as a child
 * process, as it would start any MCP server.
 */
public final class TrackerMcpServer {
  private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());
  private final Map<String, String> issues = new ConcurrentHashMap<>(Map.of(
      "TRK-1", "Login page times out on slow networks",
      "TRK-2", "Dark mode: unreadable grey on grey in settings"));
  private final AtomicInteger next = new AtomicInteger(3);

  private TrackerMcpServer() {}

  /**
   * Serves until standard input closes.
   *
   * @param args unused
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    TrackerMcpServer tracker = new TrackerMcpServer();
    McpServer.sync(new StdioServerTransportProvider(JSON))
        .serverInfo("tracker", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tracker.search(), tracker.create())
        .build();
    new CountDownLatch(1).await(); // the SDK reads on daemon threads; the client ends this process
  }

  private SyncToolSpecification search() {
    return SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder("search_issues").description("Finds issues whose title has a word.")
            .inputSchema(JSON, """
                {"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""")
            .build())
        .callHandler((exchange, request) -> {
          String query = String.valueOf(request.arguments().get("query")).toLowerCase(Locale.ROOT);
          List<String> hits = issues.entrySet().stream()
              .filter(e -> List.of(query.split("\\s+")).stream()
                  .anyMatch(w -> e.getValue().toLowerCase(Locale.ROOT).contains(w)))
              .map(e -> e.getKey() + " " + e.getValue()).sorted().toList();
          return text(hits.isEmpty() ? "no issue matches \"" + query + "\"" : String.join("\n", hits));
        })
        .build();
  }

  private SyncToolSpecification create() {
    return SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder("create_issue").description("Files a new issue.")
            .inputSchema(JSON, """
                {"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}""")
            .build())
        .callHandler((exchange, request) -> {
          String id = "TRK-" + next.getAndIncrement();
          issues.put(id, String.valueOf(request.arguments().get("title")));
          return text("filed " + id);
        })
        .build();
  }

  private static McpSchema.CallToolResult text(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
  }
}
