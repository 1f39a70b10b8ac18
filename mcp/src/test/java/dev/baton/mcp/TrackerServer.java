package dev.baton.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An issue-tracker MCP server built with the SDK's server API, for the tests: over stdio when run
 * as a main class (the child-process server), or over streamable HTTP when a test mounts its
 * servlet.
 *
 * <p>Tools: {@code get_issue} answers, {@code lock_issue} reports a tool error, {@code slow} waits
 * until released or cancelled, {@code die} ends the server's process mid-call, {@code add_tool}
 * adds {@code close_issue} and announces that the list changed.
 */
final class TrackerServer {
  static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());
  private static final String ID_SCHEMA = """
      {"type":"object","properties":{"id":{"type":"string","description":"the issue id"}},\
      "required":["id"]}""";

  /** Released by tests to let {@code slow} finish; counted down when {@code slow} starts. */
  final CountDownLatch slowStarted = new CountDownLatch(1);
  final CountDownLatch releaseSlow = new CountDownLatch(1);
  final AtomicReference<McpSyncServer> server = new AtomicReference<>();
  /** Calls that reached each tool's handler. */
  final Map<String, java.util.concurrent.atomic.AtomicInteger> calls =
      new java.util.concurrent.ConcurrentHashMap<>();

  int calls(String tool) {
    java.util.concurrent.atomic.AtomicInteger n = calls.get(tool);
    return n == null ? 0 : n.get();
  }

  public static void main(String[] args) {
    TrackerServer tracker = new TrackerServer();
    McpSyncServer s = McpServer.sync(new StdioServerTransportProvider(JSON))
        .serverInfo("tracker", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tracker.tools())
        .build();
    tracker.server.set(s);
  }

  List<SyncToolSpecification> tools() {
    return counted(List.of(
        tool("get_issue", "Reads an issue by id.", (ex, req) -> text("Issue " + req.arguments().get("id")
            + ": the printer is on fire", false)),
        tool("lock_issue", "Locks an issue.", (ex, req) -> text("issue " + req.arguments().get("id")
            + " is locked by an admin", true)),
        tool("slow", "Takes its time.", (ex, req) -> {
          slowStarted.countDown();
          try {
            releaseSlow.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return text("slow done", false);
        }),
        tool("crash", "Fails inside the server.", (ex, req) -> {
          throw new IllegalStateException("database unavailable");
        }),
        tool("die", "Ends the server.", (ex, req) -> {
          Runtime.getRuntime().halt(3);
          return text("unreachable", false);
        }),
        tool("add_tool", "Adds close_issue.", (ex, req) -> {
          server.get().addTool(tool("close_issue", "Closes an issue.",
              (e2, r2) -> text("closed " + r2.arguments().get("id"), false)));
          server.get().notifyToolsListChanged();
          return text("added close_issue", false);
        })));
  }

  private List<SyncToolSpecification> counted(List<SyncToolSpecification> specs) {
    return specs.stream().map(s -> new SyncToolSpecification(s.tool(), (ex, req) -> {
      calls.computeIfAbsent(s.tool().name(), k -> new java.util.concurrent.atomic.AtomicInteger())
          .incrementAndGet();
      return s.callHandler().apply(ex, req);
    })).toList();
  }

  static SyncToolSpecification tool(String name, String description,
      java.util.function.BiFunction<io.modelcontextprotocol.server.McpSyncServerExchange,
          McpSchema.CallToolRequest, McpSchema.CallToolResult> handler) {
    return SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder(name).description(description).inputSchema(JSON, ID_SCHEMA).build())
        .callHandler(handler)
        .build();
  }

  static McpSchema.CallToolResult text(String text, boolean error) {
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(error).build();
  }

}
