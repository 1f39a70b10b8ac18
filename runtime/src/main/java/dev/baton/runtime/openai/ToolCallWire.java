package dev.baton.runtime.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The fields of a tool call and an assistant message as compatible servers really send them.
 *
 * <p>Tool-call {@code arguments}, decided per kind of value (see {@link #arguments(String)}):
 * <ul>
 *   <li>a string holding a JSON object: taken as is;
 *   <li>absent, {@code null}, an empty or blank string, the string {@code "null"}, {@code "{}"} or
 *       {@code "[]"}: no arguments, {@code {}} (servers send any of these for a tool without
 *       parameters);
 *   <li>an object instead of a string (Ollama and some vLLM parsers): that object's JSON;
 *   <li>a string holding a JSON string that holds an object (arguments encoded twice): the object;
 *   <li>anything else (a number, {@code true}, a non-empty array, text that is not JSON): kept as
 *       sent, so that the tool call fails with an error result the model sees and can correct.
 * </ul>
 */
final class ToolCallWire {
  /** The fields of a tool call that Baton reads itself; every other is a provider field. */
  private static final Set<String> CALL_FIELDS = Set.of("id", "type", "function", "index");

  /** The fields of an assistant message (or delta) that Baton reads itself. */
  static final Set<String> MESSAGE_FIELDS =
      Set.of("role", "content", "refusal", "tool_calls", "function_call");

  private ToolCallWire() {}

  /** The raw arguments of a call: a string's text, an object's JSON, or empty when absent. */
  static String rawArguments(JsonNode arguments) {
    if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
      return "";
    }
    return arguments.isTextual() ? arguments.asText() : arguments.toString();
  }

  /** The arguments as the tool receives them; see the class comment for each kind of value. */
  static String arguments(String raw) {
    String text = raw.strip();
    if (text.isEmpty() || text.equals("null") || text.equals("[]")) {
      return "{}";
    }
    if (text.startsWith("\"")) {
      try {
        JsonNode inner = WireJson.MAPPER.readTree(text);
        if (inner != null && inner.isTextual()
            && WireJson.MAPPER.readTree(inner.asText()) instanceof ObjectNode object) {
          return object.toString();
        }
      } catch (JsonProcessingException e) {
        // Not JSON at all: kept as sent, below.
      }
    }
    return raw;
  }

  /** A text field, or empty if absent or not text. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  /** A tool call's provider fields as a JSON object text, or empty for none. */
  static String callProviderFields(JsonNode wire) {
    return providerFields(wire, CALL_FIELDS);
  }

  /** A message's provider fields as a JSON object text, or empty for none. */
  static String messageProviderFields(JsonNode message) {
    return providerFields(message, MESSAGE_FIELDS);
  }

  private static String providerFields(JsonNode node, Set<String> known) {
    if (node == null || !node.isObject()) {
      return "";
    }
    ObjectNode extra = WireJson.MAPPER.createObjectNode();
    node.properties().forEach(field -> {
      if (!known.contains(field.getKey()) && !field.getValue().isNull()) {
        extra.set(field.getKey(), field.getValue());
      }
    });
    return extra.isEmpty() ? "" : extra.toString();
  }
}
