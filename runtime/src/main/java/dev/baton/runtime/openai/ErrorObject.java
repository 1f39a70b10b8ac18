package dev.baton.runtime.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * An {@code error} object a server sent with HTTP 200, in a body or inside a stream (OpenRouter and
 * other routers report upstream failures this way once the stream has started). Its {@code code}
 * (an HTTP status as a number or digits, or a string such as {@code rate_limit_exceeded}), {@code
 * status} or {@code type} decide whether another attempt may help; other numbers (providers'
 * own error numbers such as {@code 1113}) are quoted in the message but neither taken as a status
 * nor retried.
 */
final class ErrorObject {
  /** Error codes and types, lower case, that name a passing condition. */
  private static final Set<String> TRANSIENT = Set.of(
      "rate_limit_exceeded", "rate_limit_error", "server_error", "internal_error",
      "internal_server_error", "overloaded", "overloaded_error", "service_unavailable",
      "unavailable", "resource_exhausted", "timeout", "timeout_error", "api_error");

  private ErrorObject() {}

  /**
   * The exception for an error object.
   *
   * @param error the value of the {@code error} field
   * @param where where it was found, e.g. "stream", "response"
   * @param scrubber removes secrets from the server's message
   */
  static UnreadableResponseException of(JsonNode error, String where, SecretScrubber scrubber) {
    int status = 0;
    boolean transientError = false;
    for (String field : new String[] {"code", "status", "type"}) {
      JsonNode value = error.isObject() ? error.get(field) : null;
      if (value == null || value.isNull()) {
        continue;
      }
      String text = value.asText().strip();
      if (text.matches("[1-5]\\d{2}")) {
        // Only an HTTP status is read as one: providers' own numeric codes (four or more digits)
        // say nothing about whether another attempt may help.
        status = Integer.parseInt(text);
        transientError |= Exchange.isRetryable(status);
      } else if (TRANSIENT.contains(text.toLowerCase(Locale.ROOT))) {
        transientError = true;
      }
    }
    return new UnreadableResponseException(where + " reported an error"
        + (status == 0 ? "" : " (code " + status + ")") + ": "
        + ServerErrorMessage.of(error.toString(), scrubber), status, transientError);
  }
}
