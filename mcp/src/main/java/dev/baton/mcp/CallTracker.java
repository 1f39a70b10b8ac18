package dev.baton.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport that remembers the JSON-RPC id of every {@code tools/call} request in flight,
 * keyed by the request's progress token, so that an abandoned call can be cancelled on the server
 * with a {@code notifications/cancelled} notification (MCP specification, "Cancellation"). The SDK's
 * client stops waiting when a call is disposed but tells the server nothing. Also notices when the
 * connection ends, so calls in flight fail at once instead of waiting for their timeout.
 */
final class CallTracker implements McpClientTransport {
  static final String CANCELLED = "notifications/cancelled";

  private final McpClientTransport delegate;
  private final Map<Object, Object> requestIds = new ConcurrentHashMap<>();
  private final Runnable onClosed;
  private final Runnable onToolsChanged;

  CallTracker(McpClientTransport delegate, Runnable onClosed, Runnable onToolsChanged) {
    this.delegate = delegate;
    this.onClosed = onClosed;
    this.onToolsChanged = onToolsChanged;
  }

  // A list-changed notification is seen here, in stream order: before the result of the call
  // that caused it, so the turn after that call already lists again.
  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return delegate.connect(inbound -> handler.apply(inbound.doOnNext(m -> {
      if (m instanceof McpSchema.JSONRPCNotification n
          && McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED.equals(n.method())) {
        onToolsChanged.run();
      }
    })));
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(t -> {
      onClosed.run();
      handler.accept(t);
    });
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest r && McpSchema.METHOD_TOOLS_CALL.equals(r.method())
        && r.params() instanceof McpSchema.CallToolRequest call && call.meta() != null) {
      Object token = call.meta().get("progressToken");
      if (token != null) {
        requestIds.put(token, r.id());
      }
    }
    return delegate.sendMessage(message);
  }

  /** Tells the server to stop the call sent with {@code token}; does nothing if none is known. */
  void cancel(Object token, String reason) {
    Object id = requestIds.remove(token);
    if (id != null) {
      delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, CANCELLED,
          Map.of("requestId", id, "reason", reason))).onErrorResume(e -> Mono.empty()).subscribe();
    }
  }

  /** Forgets a call that ended. */
  void done(Object token) {
    requestIds.remove(token);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return delegate.unmarshalFrom(data, typeRef);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }
}
