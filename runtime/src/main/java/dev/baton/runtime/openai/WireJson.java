package dev.baton.runtime.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.baton.runtime.internal.Json;

/**
 * Reads server JSON within a deliberate string-length limit, with readable failures. Jackson's own
 * default (20,000,000 characters) would fail a larger value as if the body were not JSON; here the
 * limit follows the model's {@code maxAnswerChars}, and exceeding it says so. Thread-safe.
 */
final class WireJson {
  /** The runtime's one mapper, for writing requests: the wire format needs no settings of its own. */
  static final ObjectMapper MAPPER = Json.mapper();

  /** How much of an unreadable body an error message quotes. */
  static final int QUOTE_LIMIT = 200;

  private final ObjectReader reader;
  private final int maxStringLength;

  /**
   * A reader whose longest string value is {@code maxStringLength} characters.
   *
   * @param maxStringLength the longest string a server may send in one JSON value
   */
  WireJson(int maxStringLength) {
    this.maxStringLength = maxStringLength;
    JsonFactory factory = MAPPER.getFactory().copy().setStreamReadConstraints(
        StreamReadConstraints.builder().maxStringLength(maxStringLength).build());
    this.reader = new ObjectMapper(factory).reader();
  }

  /**
   * Parses a JSON object sent by the server.
   *
   * @param text the body or stream payload
   * @param what what the text is, for the message: "response body", "stream chunk"
   * @param scrubber removes secrets from the quoted text
   */
  JsonNode readObject(String text, String what, SecretScrubber scrubber)
      throws UnreadableResponseException {
    if (text == null || text.isBlank()) {
      throw new UnreadableResponseException(what + " is empty");
    }
    JsonNode node;
    try {
      node = reader.readTree(text);
    } catch (StreamConstraintsException e) {
      throw UnreadableResponseException.tooLarge(what + " has a value longer than the limit of "
          + maxStringLength + " characters (OpenAiModel.Builder.maxAnswerChars)");
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
