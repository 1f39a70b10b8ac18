package dev.baton.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentSpec;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunEvent;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Serves chosen agents of a runner as MCP tools, so MCP clients (IDEs, desktop assistants, other
 * agents) can call an agent system. Each agent becomes one tool: its name (or another), its
 * {@code description}, and its compile-time input schema as the tool's input schema. A call runs
 * the agent; its output is the result's text ({@code String} outputs as is, others as JSON, with
 * the same JSON as structured content when the output schema is an object schema).
 *
 * <pre>{@code
 * McpAgentServer server = McpAgentServer.builder(supportRunner).agent("frontDesk").build();
 * server.serveStdio();                                   // this process is the MCP server
 * HttpServlet servlet = server.streamableHttpServlet("/mcp");   // or mount it in a container
 * }</pre>
 *
 * <p>While a call runs, a client that sent a {@code progressToken} receives one {@code
 * notifications/progress} per run event (agents started and finished, handoffs, tool calls,
 * branches; text deltas are left out), its message a line such as {@code "frontDesk: handoff
 * frontDesk → billing (back)"}. A {@code notifications/cancelled} for the call cancels the run.
 * A failed run, and one that pauses for approval (approvals cannot be given over MCP), answers
 * with an error result carrying the failure's message.
 *
 * <p>Built on the MCP Java SDK's synchronous server; tool calls run on the SDK's worker threads.
 * Thread-safe once built.
 */
public final class McpAgentServer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final AgentStarter starter;
  private final List<Exposed> agents;
  private final String name;
  private final String version;
  private final McpJsonMapper json = new JacksonMcpJsonMapper(MAPPER);
  private final CancelInterceptor cancels = new CancelInterceptor();

  private record Exposed(String tool, AgentSpec spec) {}

  private McpAgentServer(Builder b) {
    this.starter = b.starter;
    this.name = b.name;
    this.version = b.version;
    List<Exposed> list = new ArrayList<>();
    b.agents.forEach((agent, tool) -> list.add(new Exposed(tool, b.graph.agent(agent))));
    this.agents = List.copyOf(list);
  }

  /**
   * Serves agents of a generated runner.
   *
   * @param runner the runner (its interface's {@code @Agent} methods are called)
   * @return a builder
   */
  public static Builder builder(AgentRunner<?> runner) {
    return new Builder(runner.graph(), AgentStarter.of(runner));
  }

  /**
   * Serves agents of an orchestrator (a graph built at run time).
   *
   * @param orchestrator the orchestrator
   * @return a builder
   */
  public static Builder builder(Orchestrator orchestrator) {
    return new Builder(orchestrator.graph(), AgentStarter.of(orchestrator));
  }

  /**
   * Serves over this process's standard input and output. Returns at once: the SDK reads on its own
   * daemon threads, so a {@code main} method that only serves must keep the JVM alive (the client
   * ends a server it started as a child process).
   *
   * @return the running server; close it to stop
   */
  public McpSyncServer serveStdio() {
    return serveStdio(System.in, System.out);
  }

  /**
   * Serves over the given streams, newline-delimited JSON-RPC as MCP's stdio transport defines.
   *
   * @param in where requests arrive
   * @param out where responses and notifications go
   * @return the running server; close it to stop
   */
  public McpSyncServer serveStdio(InputStream in, OutputStream out) {
    InputStream filtered = new LineFilterInputStream(in, line -> cancels.inbound("", line));
    return server(McpServer.sync(new StdioServerTransportProvider(json, filtered, out)));
  }

  /**
   * A servlet speaking MCP's streamable HTTP transport, to mount at {@code endpoint} in any
   * Servlet 6.1 container (it needs async support).
   *
   * @param endpoint the path it is mounted at, e.g. {@code "/mcp"}
   * @return the servlet; the server runs while it is mounted
   */
  public HttpServlet streamableHttpServlet(String endpoint) {
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder().jsonMapper(json)
            .mcpEndpoint(Objects.requireNonNull(endpoint, "endpoint")).build();
    server(McpServer.sync(transport));
    return new CancellableServlet(transport, cancels);
  }

  private McpSyncServer server(McpServer.SyncSpecification<?> spec) {
    spec.serverInfo(name, version)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
    for (Exposed e : agents) {
      spec.tools(new SyncToolSpecification(tool(e), (exchange, request) -> call(e, exchange, request)));
    }
    return spec.build();
  }

  private McpSchema.Tool tool(Exposed e) {
    AgentSpec a = e.spec();
    McpSchema.Tool.Builder t = McpSchema.Tool.builder(e.tool())
        .description(!a.description().isEmpty() ? a.description() : "Runs the agent " + a.name() + ".")
        .inputSchema(json, a.inputSchema().isEmpty()
            ? "{\"type\":\"object\",\"properties\":{}}" : a.inputSchema());
    if (objectSchema(a)) {
      t.outputSchema(json, a.outputSchema());
    }
    return t.build();
  }

  private static boolean objectSchema(AgentSpec a) {
    if (a.outputSchema().isEmpty()) {
      return false;
    }
    try {
      return "object".equals(MAPPER.readTree(a.outputSchema()).path("type").asText());
    } catch (IOException e) {
      return false;
    }
  }

  private McpSchema.CallToolResult call(Exposed e, McpSyncServerExchange exchange,
      McpSchema.CallToolRequest request) {
    Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
    Object token = meta.get("progressToken");
    Object key = meta.get(CancelInterceptor.META_KEY);
    Run<Object> run;
    try {
      String arguments = MAPPER.writeValueAsString(request.arguments() == null ? Map.of()
          : request.arguments());
      run = starter.start(e.spec().name(), arguments);
    } catch (IOException | IllegalArgumentException ex) {
      return error("invalid arguments for " + e.tool() + ": " + ex.getMessage());
    }
    if (key != null) {
      cancels.started(key.toString(), run::cancel);
    }
    try {
      if (token != null) {
        int n = 0;
        try (Stream<RunEvent> events = run.events()) {
          for (RunEvent event : (Iterable<RunEvent>) events::iterator) {
            String line = EventText.of(event);
            if (line != null) {
              exchange.progressNotification(new McpSchema.ProgressNotification(token, ++n, null, line));
            }
          }
        }
      }
      Object out = run.await();
      return result(e, out);
    } catch (ApprovalRequiredException ex) {
      run.cancel();
      return error(e.tool() + " paused for approval of " + ex.state().approvals().stream()
          .map(a -> a.tool()).toList() + ", which MCP clients cannot give");
    } catch (AgentException ex) {
      return error(e.tool() + " failed: " + ex.getMessage());
    } catch (RuntimeException ex) {
      return error(e.tool() + " failed: " + ex.getMessage());
    } finally {
      if (key != null) {
        cancels.finished(key.toString());
      }
    }
  }

  private McpSchema.CallToolResult result(Exposed e, Object out) {
    if (out instanceof String s) {
      return McpSchema.CallToolResult.builder().addTextContent(s).isError(false).build();
    }
    JsonNode tree = MAPPER.valueToTree(out);
    McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder()
        .addTextContent(tree.toString()).isError(false);
    if (objectSchema(e.spec()) && tree.isObject()) {
      b.structuredContent(MAPPER.convertValue(tree, Map.class));
    }
    return b.build();
  }

  private static McpSchema.CallToolResult error(String message) {
    return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  /** Configures an {@link McpAgentServer}. Not thread-safe. */
  public static final class Builder {
    private final AgentGraph graph;
    private final AgentStarter starter;
    private final Map<String, String> agents = new LinkedHashMap<>();
    private String name;
    private String version = "0.1.0";

    private Builder(AgentGraph graph, AgentStarter starter) {
      this.graph = graph;
      this.starter = starter;
      this.name = graph.name();
    }

    /**
     * Exposes an agent as a tool of its own name.
     *
     * @param agent the agent's name
     * @return this
     * @throws java.util.NoSuchElementException naming the closest agent, if there is none
     */
    public Builder agent(String agent) {
      return agent(agent, agent);
    }

    /**
     * Exposes an agent as a tool of another name.
     *
     * @param agent the agent's name
     * @param tool the tool name MCP clients see
     * @return this
     */
    public Builder agent(String agent, String tool) {
      graph.agent(agent);
      if (agents.containsValue(tool)) {
        throw new IllegalArgumentException("tool name \"" + tool + "\" is already exposed");
      }
      agents.put(agent, Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /**
     * Sets the server's name and version in the MCP handshake (default: the graph's name, 0.1.0).
     *
     * @param serverName the name
     * @param serverVersion the version
     * @return this
     */
    public Builder serverInfo(String serverName, String serverVersion) {
      this.name = Objects.requireNonNull(serverName, "serverName");
      this.version = Objects.requireNonNull(serverVersion, "serverVersion");
      return this;
    }

    /**
     * The server.
     *
     * @return the server
     * @throws IllegalStateException if no agent is exposed
     */
    public McpAgentServer build() {
      if (agents.isEmpty()) {
        throw new IllegalStateException("no agent of " + graph.name() + " is exposed; add one with"
            + " agent(name)");
      }
      return new McpAgentServer(this);
    }
  }
}
