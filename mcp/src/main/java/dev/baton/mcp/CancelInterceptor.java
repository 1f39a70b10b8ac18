package dev.baton.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives served tool calls MCP cancellation, which the SDK's server ignores: it reads each incoming
 * JSON-RPC message before the SDK does, tags every {@code tools/call} request with a key in its
 * {@code _meta} (the handler finds its run under that key), and turns {@code
 * notifications/cancelled} for that request into a cancel of the run (MCP specification,
 * "Cancellation"). Thread-safe.
 */
final class CancelInterceptor {
  static final String META_KEY = "dev.baton/call";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Cancels one served call. */
  interface Cancellable {
    void cancel();
  }

  private final Map<String, String> keysByRequest = new ConcurrentHashMap<>();
  private final Map<String, Cancellable> calls = new ConcurrentHashMap<>();

  /**
   * Reads one message (or batch) of a session and returns the text to hand to the SDK.
   *
   * @param session the session's id, or "" where the transport has a single session
   * @param text the message as received
   * @return the message, with tool calls tagged
   */
  String inbound(String session, String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (java.io.IOException | RuntimeException e) {
      return text; // not ours to judge: the SDK answers malformed input
    }
    boolean changed = false;
    if (node instanceof ArrayNode batch) {
      for (JsonNode m : batch) {
        changed |= inspect(session, m);
      }
    } else {
      changed = inspect(session, node);
    }
    return changed ? node.toString() : text;
  }

  private boolean inspect(String session, JsonNode message) {
    if (!(message instanceof ObjectNode m)) {
      return false;
    }
    String method = m.path("method").asText("");
    if (method.equals("tools/call") && m.hasNonNull("id") && m.path("params") instanceof ObjectNode p) {
      String key = UUID.randomUUID().toString();
      ObjectNode meta = p.path("_meta") instanceof ObjectNode existing ? existing : p.putObject("_meta");
      meta.put(META_KEY, key);
      keysByRequest.put(session + "\n" + m.get("id").toString(), key);
      return true;
    }
    if (method.equals(CallTracker.CANCELLED)) {
      JsonNode id = m.path("params").path("requestId");
      String key = keysByRequest.remove(session + "\n" + id.toString());
      Cancellable call = key == null ? null : calls.get(key);
      if (call != null) {
        call.cancel();
      }
    }
    return false;
  }

  /** Registers the running call tagged with {@code key}. */
  void started(String key, Cancellable call) {
    calls.put(key, call);
  }

  /** Forgets a call that ended. */
  void finished(String key) {
    calls.remove(key);
    keysByRequest.values().remove(key);
  }
}
