package dev.baton.runtime.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Extracts the human-readable message from an error body. OpenAI sends {@code {"error":
 * {"message": ...}}}; compatible servers vary: {@code {"error": "..."}} (Ollama), {@code
 * {"message": ...}}, {@code {"detail": ...}} (FastAPI-based servers), or plain text.
 */
final class ServerErrorMessage {
  /** Error bodies are quoted in exception messages up to this many characters. */
  static final int LIMIT = 500;

  private ServerErrorMessage() {}

  /**
   * The server's message, scrubbed of the key, on one line, at most {@link #LIMIT} characters.
   *
   * @param body the error body, possibly empty
   * @param scrubber removes the key
   */
  static String of(String body, SecretScrubber scrubber) {
    if (body == null || body.isBlank()) {
      return "(no error message)";
    }
    String message = body;
    try {
      JsonNode node = WireJson.MAPPER.readTree(body);
      message = fromJson(node, body);
    } catch (JsonProcessingException e) {
      // Not JSON (an HTML page from a proxy, plain text): the body itself is the message.
    }
    return truncate(scrubber.scrub(message.strip().replaceAll("\\s+", " ")), LIMIT);
  }

  /**
   * The message inside an error object, or the given fallback.
   *
   * @param node the parsed body, or the value of an {@code error} field
   * @param fallback what to return if no message is found
   */
  static String fromJson(JsonNode node, String fallback) {
    if (node == null) {
      return fallback;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    JsonNode error = node.get("error");
    if (error != null && error.isTextual()) {
      return error.asText();
    }
    if (error != null && error.isObject()) {
      return fromJson(error, fallback);
    }
    JsonNode message = node.get("message");
    if (message != null && message.isTextual()) {
      return message.asText();
    }
    JsonNode detail = node.get("detail");
    if (detail != null && !detail.isNull()) {
      return detail.isTextual() ? detail.asText() : detail.toString();
    }
    return fallback;
  }

  /** The text cut to {@code limit} characters, marked with an ellipsis if it was cut. */
  static String truncate(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    return text.substring(0, limit) + "…";
  }
}
