package dev.baton.runtime.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fields of a tool call as compatible servers really send them: some omit the call id, some
 * send {@code arguments} as a JSON object instead of a string holding JSON.
 */
final class ToolCallWire {
  private ToolCallWire() {}

  /**
   * The arguments as JSON text: a string is taken as is, an object is written out, anything
   * absent is empty (which {@link dev.baton.runtime.model.ToolCall} turns into {@code {}}).
   */
  static String arguments(JsonNode arguments) {
    if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
      return "";
    }
    return arguments.isTextual() ? arguments.asText() : arguments.toString();
  }

  /** A text field, or empty if absent or not text. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  /**
   * The call's id, or one synthesized from its position, name and arguments when the server sent
   * none. Synthesized ids are stable (the same answer gets the same ids, so a journal replays
   * identically) and distinct within a response.
   */
  static String idOrSynthesized(String id, int position, String name, String arguments) {
    if (id != null && !id.isEmpty()) {
      return id;
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest(
          (name + '\u0000' + arguments).getBytes(StandardCharsets.UTF_8));
      return "call_" + position + "_" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      // Every JVM ships SHA-256.
      throw new AssertionError(e);
    }
  }
}
