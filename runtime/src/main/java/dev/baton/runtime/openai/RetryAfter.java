package dev.baton.runtime.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;

/**
 * Reads how long a server asks the client to wait: {@code retry-after-ms} (milliseconds, sent by
 * OpenAI and Azure), else {@code Retry-After} as seconds or as an HTTP date (RFC 9110).
 */
final class RetryAfter {
  private RetryAfter() {}

  /**
   * The requested wait, or null if the headers request none or cannot be read.
   *
   * @param headers the response headers
   * @param clock the clock an HTTP date is measured against
   */
  static Duration parse(Headers headers, Clock clock) {
    Duration millis = number(headers.get("retry-after-ms"), 1_000_000L);
    if (millis != null) {
      return millis;
    }
    String value = headers.get("retry-after");
    if (value == null) {
      return null;
    }
    Duration seconds = number(value, 1_000_000_000L);
    if (seconds != null) {
      return seconds;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration until = Duration.between(clock.instant(), at.toInstant());
      return until.isNegative() ? Duration.ZERO : until;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A non-negative decimal number of units, or null if the value is no such number. */
  private static Duration number(String value, long nanosPerUnit) {
    if (value == null) {
      return null;
    }
    try {
      double units = Double.parseDouble(value.strip());
      if (!(units >= 0) || Double.isInfinite(units)) {
        return null;
      }
      // Saturate absurd values; the policy caps them anyway.
      double nanos = units * nanosPerUnit;
      return Duration.ofNanos(nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
