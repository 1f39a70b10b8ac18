package dev.baton.runtime.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runtime.internal.Json;

/** The one Jackson mapper of the wire format, and reading server JSON with readable failures. */
final class WireJson {
  /** The runtime's one mapper: the wire format needs no settings of its own. */
  static final ObjectMapper MAPPER = Json.mapper();

  /** How much of an unreadable body an error message quotes. */
  static final int QUOTE_LIMIT = 200;

  private WireJson() {}

  /**
   * Parses a JSON object sent by the server.
   *
   * @param text the body or stream payload
   * @param what what the text is, for the message: "response body", "stream chunk"
   * @param scrubber removes the key from the quoted text
   */
  static JsonNode readObject(String text, String what, SecretScrubber scrubber)
      throws UnreadableResponseException {
    if (text == null || text.isBlank()) {
      throw new UnreadableResponseException(what + " is empty");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the offending token, which may be anything the server sent:
      // describe the failure ourselves from a scrubbed excerpt instead.
      throw new UnreadableResponseException(
          what + " is not JSON: " + quote(text, scrubber));
    }
    if (node == null || !node.isObject()) {
      throw new UnreadableResponseException(
          what + " is not a JSON object: " + quote(text, scrubber));
    }
    return node;
  }

  /** A short, scrubbed, single-line excerpt of server text for a message. */
  static String quote(String text, SecretScrubber scrubber) {
    if (text == null || text.isBlank()) {
      return "(empty)";
    }
    return '"' + ServerErrorMessage.truncate(scrubber.scrub(text.strip()), QUOTE_LIMIT) + '"';
  }
}
