package dev.baton.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.Toolset;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tools of one Model Context Protocol server, offered to agents that name the toolset: an MCP
 * client (the official MCP Java SDK) over stdio, starting the server as a child process, or over
 * streamable HTTP.
 *
 * <pre>{@code
 * McpToolset tracker = McpToolset.stdio("node", "tracker-server.js").prefix("tracker_").build();
 * TriageRunner runner = TriageRunner.builder().model(model).toolset("tracker", tracker).build();
 * }</pre>
 *
 * <p>It connects on first use, which is when a runner that uses it is built; a server that cannot
 * be started or initialized fails that build with {@link McpConnectionException}. Tools are listed
 * with their JSON Schemas (every page) and offered under the same naming rules as {@code @Tool}:
 * the server's name, behind an optional {@link Builder#prefix(String) prefix}, or a {@link
 * Builder#rename(String, String) rename}; characters outside {@code [A-Za-z0-9_-]} become {@code
 * _}. Two tools that end up with one name fail the build. When the server announces {@code
 * notifications/tools/list_changed}, the list is fetched again and later model turns see it.
 *
 * <p>A call waits on the invocation's virtual thread for at most {@link Builder#callTimeout}; an
 * interrupt (a branch timeout, a cancelled run) or the timeout abandons the call and sends the
 * server {@code notifications/cancelled} for its request. A result with {@code isError}, a JSON-RPC
 * error, a timeout and a server that went away all end in {@link McpToolException}, which the model
 * sees as an error result. Text content is returned as is (several parts joined by blank lines);
 * a result with only structured content is returned as its JSON.
 *
 * <p>Thread-safe. Close it to stop the server process or end the HTTP session.
 */
public final class McpToolset implements Toolset, AutoCloseable {
  private static final String EMPTY_SCHEMA =
      "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}";

  private final Builder config;
  private final String label;
  private final Secrets secrets;
  private final McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Object, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();
  private McpAsyncClient client;
  private CallTracker tracker;
  private volatile Catalog catalog;
  private volatile String lost;
  private volatile boolean stale;
  private Thread watcher;
  private boolean closed;

  /** The tools as offered: specs in server order and the server's name of each offered name. */
  private record Catalog(List<ToolSpec> specs, Map<String, String> serverNames) {}

  private McpToolset(Builder config) {
    this.config = config;
    this.label = config.label();
    this.secrets = config.secrets();
  }

  /**
   * A toolset whose server is a child process speaking MCP over its standard input and output.
   *
   * @param command the executable, e.g. {@code "npx"} or a path to {@code java}
   * @param args its arguments
   * @return a builder
   */
  public static Builder stdio(String command, String... args) {
    List<String> line = new ArrayList<>();
    line.add(Objects.requireNonNull(command, "command"));
    line.addAll(List.of(args));
    return stdio(line);
  }

  /**
   * A toolset whose server is a child process speaking MCP over its standard input and output.
   *
   * @param commandLine the executable followed by its arguments
   * @return a builder
   */
  public static Builder stdio(List<String> commandLine) {
    if (commandLine.isEmpty()) {
      throw new IllegalArgumentException("the command line of an MCP stdio server is empty");
    }
    return new Builder(List.copyOf(commandLine), null);
  }

  /**
   * A toolset whose server speaks MCP's streamable HTTP transport at one endpoint.
   *
   * @param url the MCP endpoint, e.g. {@code "http://127.0.0.1:8080/mcp"}
   * @return a builder
   */
  public static Builder streamableHttp(String url) {
    URI uri = URI.create(Objects.requireNonNull(url, "url"));
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("MCP endpoint \"" + url + "\" is not an absolute http(s) URL");
    }
    return new Builder(null, uri);
  }

  /**
   * Connects if not connected yet, and returns the tools offered now.
   *
   * @return the tools, with the names the model sees
   * @throws McpConnectionException if the server cannot be started, reached or initialized, or two
   *     of its tools end up with one name
   */
  @Override
  public List<ToolSpec> tools() {
    McpAsyncClient c = connect();
    if (stale) {
      lock.lock();
      try {
        if (stale) {
          stale = false;
          catalog = catalog(listAll(c), false);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stale = true;
      } catch (ExecutionException | RuntimeException e) {
        stale = true; // keep offering the last list; ask again next turn
      } finally {
        lock.unlock();
      }
    }
    return catalog.specs();
  }

  /**
   * Calls a tool on the server and waits for its result on this thread.
   *
   * @param tool the tool's name as offered
   * @param arguments the model's arguments, sent as the call's {@code arguments} object
   * @param context the run's context; unused
   * @return the result's text, or the JSON of its structured content
   * @throws InterruptedException if this thread is interrupted; the server is told to cancel
   * @throws McpToolException if the tool or server reports an error, the call times out, or the
   *     server is gone
   */
  @Override
  public Object call(String tool, ToolArguments arguments, RunContext context) throws Exception {
    McpAsyncClient c = connect();
    String serverName = catalog.serverNames().get(tool);
    if (serverName == null) {
      throw new McpToolException("MCP server " + label + " offers no tool \"" + tool + "\" now; its"
          + " tools are " + catalog.serverNames().keySet(), null);
    }
    if (lost != null) {
      throw new McpToolException("MCP server " + label + " is gone (" + lost + "); " + tool
          + " was not called", null);
    }
    String token = "baton-" + tokens.incrementAndGet();
    Map<String, Object> args = arguments.asMap();
    McpSchema.CallToolRequest request =
        new McpSchema.CallToolRequest(serverName, args, Map.of("progressToken", token));
    CompletableFuture<McpSchema.CallToolResult> future = c.callTool(request).toFuture();
    inFlight.put(token, future);
    McpSchema.CallToolResult result;
    try {
      if (lost != null) {
        future.completeExceptionally(new McpConnectionException(lost, null));
      }
      result = future.get(config.callTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      tracker.cancel(token, "the caller stopped waiting");
      throw e;
    } catch (TimeoutException e) {
      future.cancel(true);
      tracker.cancel(token, "timed out after " + config.callTimeout);
      throw new McpToolException(tool + " on MCP server " + label + " did not answer within "
          + config.callTimeout + "; the call was cancelled", null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof McpError error && error.getJsonRpcError() != null) {
        throw new McpToolException("MCP server " + label + " answered " + tool + " with error "
            + error.getJsonRpcError().code() + ": " + secrets.redact(error.getJsonRpcError().message()),
            secrets.safeCause(error));
      }
      throw new McpToolException("MCP server " + label + " failed on " + tool + ": "
          + (lost != null ? "the server is gone (" + lost + ")" : describe(cause)),
          secrets.safeCause(cause));
    } finally {
      inFlight.remove(token);
      tracker.done(token);
    }
    String text = ToolResults.text(result, json);
    if (Boolean.TRUE.equals(result.isError())) {
      throw new McpToolException(text.isEmpty() ? tool + " reported an error without a message"
          : secrets.redact(text), null);
    }
    return text;
  }

  private McpAsyncClient connect() {
    lock.lock();
    try {
      if (closed) {
        throw new McpConnectionException("MCP toolset " + label + " is closed", null);
      }
      if (client != null) {
        return client;
      }
      config.checkExecutable();
      McpClientTransport transport = config.transport(json);
      CallTracker t = new CallTracker(transport, () -> lose("the connection ended"),
          () -> stale = true);
      McpAsyncClient c = McpClient.async(t)
          .clientInfo(new McpSchema.Implementation("baton", "0.1.0"))
          .requestTimeout(config.callTimeout.plus(Duration.ofSeconds(5)))
          .initializationTimeout(config.connectTimeout)
          .build();
      try {
        c.initialize().toFuture().get(config.connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
        catalog = catalog(listAll(c), true);
      } catch (InterruptedException e) {
        c.close();
        Thread.currentThread().interrupt();
        throw new McpConnectionException("interrupted while connecting to MCP server " + label, e);
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        c.close();
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        if (cause instanceof McpConnectionException m) {
          throw m;
        }
        throw new McpConnectionException("cannot connect to MCP server " + label + ": "
            + (e instanceof TimeoutException ? "no answer within " + config.connectTimeout
                : describe(cause)), secrets.safeCause(cause));
      }
      tracker = t;
      client = c;
      if (transport instanceof StdioClientTransport stdio) {
        // The SDK's client does not notice a server process that exits: watch it, so calls in
        // flight fail at once instead of at their timeout.
        watcher = Thread.ofVirtual().name("baton-mcp-watch " + label).start(() -> {
          try {
            stdio.awaitForExit();
            lose("the server process exited");
          } catch (RuntimeException e) {
            // interrupted by close(): the toolset is going away
          }
        });
      }
      return c;
    } finally {
      lock.unlock();
    }
  }

  private static List<McpSchema.Tool> listAll(McpAsyncClient c)
      throws InterruptedException, ExecutionException {
    List<McpSchema.Tool> all = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page = c.listTools(cursor).toFuture().get();
      all.addAll(page.tools());
      cursor = page.nextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return all;
  }

  // Strict at connect (a clash fails the build); after a list change a clashing tool is left out.
  private Catalog catalog(List<McpSchema.Tool> tools, boolean strict) {
    List<ToolSpec> specs = new ArrayList<>();
    Map<String, String> serverNames = new LinkedHashMap<>();
    for (McpSchema.Tool t : tools) {
      String offered = offeredName(t.name());
      String previous = serverNames.putIfAbsent(offered, t.name());
      if (previous != null) {
        if (strict) {
          throw new McpConnectionException("tools \"" + previous + "\" and \"" + t.name()
              + "\" of MCP server " + label + " are both offered as \"" + offered
              + "\"; rename one with McpToolset.Builder.rename(...)", null);
        }
        continue;
      }
      String description = t.description() != null ? t.description()
          : t.title() != null ? t.title() : "";
      String schema;
      try {
        schema = t.inputSchema() == null ? EMPTY_SCHEMA : json.writeValueAsString(t.inputSchema());
      } catch (java.io.IOException e) {
        throw new McpConnectionException("the input schema of " + t.name() + " on MCP server "
            + label + " cannot be written as JSON", e);
      }
      boolean approval = config.approveAll || config.approvals.contains(t.name())
          || config.approvals.contains(offered);
      specs.add(new ToolSpec(offered, description, schema, approval, "mcp:" + label));
    }
    return new Catalog(List.copyOf(specs), Map.copyOf(serverNames));
  }

  private String offeredName(String serverName) {
    String name = config.renames.getOrDefault(serverName, config.prefix + serverName);
    String clean = name.replaceAll("[^A-Za-z0-9_-]", "_");
    return clean.length() > 64 ? clean.substring(0, 64) : clean;
  }

  private void lose(String why) {
    lost = why;
    McpConnectionException gone = new McpConnectionException(why, null);
    inFlight.values().forEach(f -> f.completeExceptionally(gone));
  }

  // The root cause's kind and message, with the toolset's credentials cut out.
  private String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + secrets.redact(m));
  }

  /**
   * Ends the session and stops a stdio server, waiting up to the connect timeout for its process to
   * exit; later calls fail. Leaves no thread of this toolset running. Idempotent.
   */
  @Override
  public void close() {
    Thread w;
    lock.lock();
    try {
      closed = true;
      if (client != null) {
        lose("the toolset was closed");
        client.close();
        client = null;
      }
      w = watcher;
      watcher = null;
    } finally {
      lock.unlock();
    }
    if (w != null) {
      try {
        if (!w.join(config.connectTimeout)) {
          w.interrupt();
          w.join();
        }
      } catch (InterruptedException e) {
        w.interrupt();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "McpToolset[" + label + "]";
  }

  /** Configures an {@link McpToolset}. Not thread-safe. */
  public static final class Builder {
    private final List<String> commandLine;
    private final URI url;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> renames = new LinkedHashMap<>();
    private final Set<String> approvals = new LinkedHashSet<>();
    private boolean approveAll;
    private String prefix = "";
    private Duration callTimeout = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(20);

    private Builder(List<String> commandLine, URI url) {
      this.commandLine = commandLine;
      this.url = url;
    }

    /**
     * Sets an environment variable of a stdio server's process.
     *
     * @param name the variable
     * @param value its value
     * @return this
     */
    public Builder env(String name, String value) {
      requireStdio("env");
      env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sends a header with every HTTP request, e.g. {@code Authorization}. Header values appear in no
     * message, event or {@code toString}.
     *
     * @param name the header name
     * @param value its value
     * @return this
     */
    public Builder header(String name, String value) {
      if (url == null) {
        throw new IllegalStateException("headers apply to streamable HTTP servers, not stdio ones");
      }
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Puts a prefix before every tool name the server offers, e.g. {@code "tracker_"}, so two
     * servers' {@code search} tools do not clash.
     *
     * @param value the prefix
     * @return this
     */
    public Builder prefix(String value) {
      this.prefix = Objects.requireNonNull(value, "prefix");
      return this;
    }

    /**
     * Offers one tool under another name (no prefix is added to it).
     *
     * @param serverName the tool's name on the server
     * @param offeredName the name the model sees
     * @return this
     */
    public Builder rename(String serverName, String offeredName) {
      renames.put(Objects.requireNonNull(serverName, "serverName"),
          Objects.requireNonNull(offeredName, "offeredName"));
      return this;
    }

    /**
     * Makes every call to this server's tools pause the run for approval.
     *
     * @return this
     */
    public Builder approval() {
      this.approveAll = true;
      return this;
    }

    /**
     * Makes calls to these tools pause the run for approval.
     *
     * @param tools tool names, as the server or as the model names them
     * @return this
     */
    public Builder approval(String... tools) {
      approvals.addAll(List.of(tools));
      return this;
    }

    /**
     * Bounds how long one call may take (default 60 s); past it the call is cancelled and the model
     * sees an error result.
     *
     * @param value the limit, positive
     * @return this
     */
    public Builder callTimeout(Duration value) {
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("callTimeout must be positive, not " + value);
      }
      this.callTimeout = value;
      return this;
    }

    /**
     * Bounds starting, initializing and listing the server (default 20 s).
     *
     * @param value the limit, positive
     * @return this
     */
    public Builder connectTimeout(Duration value) {
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("connectTimeout must be positive, not " + value);
      }
      this.connectTimeout = value;
      return this;
    }

    /** The toolset; it connects on first use. */
    public McpToolset build() {
      return new McpToolset(this);
    }

    private void requireStdio(String what) {
      if (commandLine == null) {
        throw new IllegalStateException(what + " applies to stdio servers, not HTTP ones");
      }
    }

    Secrets secrets() {
      List<String> values = new ArrayList<>(env.values());
      if (commandLine != null) {
        values.addAll(commandLine.subList(1, commandLine.size()));
      }
      for (String v : headers.values()) {
        values.add(v);
        values.add(v.substring(v.lastIndexOf(' ') + 1)); // the token of "Bearer <token>"
      }
      if (url != null) {
        values.add(url.getRawUserInfo());
        values.add(url.getUserInfo());
        values.add(url.getRawQuery());
        values.add(url.getQuery());
        for (String query : new String[] {url.getRawQuery(), url.getQuery()}) {
          if (query != null) {
            for (String pair : query.split("&")) {
              values.add(pair.substring(pair.indexOf('=') + 1));
            }
          }
        }
      }
      return new Secrets(values);
    }

    String label() {
      if (commandLine != null) {
        // The executable and the last argument name the server; other arguments (class paths,
        // flags, tokens) stay out of messages.
        String last = commandLine.size() > 1 ? " … " + fileName(commandLine.get(commandLine.size() - 1)) : "";
        return "\"" + fileName(commandLine.get(0)) + last + "\" (stdio)";
      }
      // Host and path only: user info and query strings may carry credentials.
      return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
          + (url.getPath() == null ? "" : url.getPath());
    }

    // The SDK reports a command that cannot start only as an initialization timeout.
    void checkExecutable() {
      if (commandLine == null) {
        return;
      }
      String command = commandLine.get(0);
      java.nio.file.Path direct = java.nio.file.Path.of(command);
      if (command.contains("/") || command.contains("\\")) {
        if (!java.nio.file.Files.isExecutable(direct)) {
          throw new McpConnectionException("cannot start MCP server " + label() + ": no executable"
              + " file " + command, null);
        }
        return;
      }
      String path = System.getenv().getOrDefault("PATH", "");
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
          return;
        }
      }
      throw new McpConnectionException("cannot start MCP server " + label() + ": no executable \""
          + command + "\" on the PATH", null);
    }

    private static String fileName(String path) {
      int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
      return path.substring(slash + 1);
    }

    McpClientTransport transport(McpJsonMapper json) {
      if (commandLine != null) {
        ServerParameters.Builder p = ServerParameters.builder(commandLine.get(0))
            .args(commandLine.subList(1, commandLine.size()));
        if (!env.isEmpty()) {
          p.env(env);
        }
        StdioClientTransport t = new StdioClientTransport(p.build(), json);
        t.setStdErrorHandler(line -> { }); // the server's diagnostics are its own
        return t;
      }
      String base = url.getScheme() + "://" + url.getAuthority();
      String endpoint = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
      Map<String, String> h = Map.copyOf(headers);
      return HttpClientStreamableHttpTransport.builder(base)
          .endpoint(endpoint.isEmpty() ? "/" : endpoint)
          .jsonMapper(json)
          .connectTimeout(connectTimeout)
          .httpRequestCustomizer((request, method, uri, body, context) -> h.forEach(request::header))
          .build();
    }
  }
}
