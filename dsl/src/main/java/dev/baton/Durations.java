package dev.baton;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the durations of {@link Parallel#timeout()}: {@code "500ms"}, {@code "20s"},
 * {@code "2m"}, {@code "1h"}, or ISO-8601 such as {@code "PT20S"}. The one place where this syntax
 * is defined; the compile-time validator and the runtime both use it.
 */
public final class Durations {
  // The sign is accepted here so that "-1s" is reported as not positive rather than as unitless.
  private static final Pattern SHORT = Pattern.compile("([-+]?\\d+)(ms|s|m|h)");
  private static final Pattern ISO = Pattern.compile("[-+]?[Pp].*");

  private Durations() {}

  /**
   * Parses a timeout.
   *
   * @param text the timeout as written in the annotation
   * @return the duration, always positive
   * @throws IllegalArgumentException naming the accepted forms, if {@code text} is not one of
   *     them or is not positive
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("timeout is empty; " + FORMS);
    }
    String t = text.strip();
    Duration d;
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("timeout \"" + text + "\" is too large");
      }
      try {
        d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("timeout \"" + text + "\" is too large");
      }
    } else if (ISO.matcher(t).matches()) {
      try {
        d = Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("timeout \"" + text + "\" is not valid ISO-8601; " + FORMS);
      }
    } else {
      throw new IllegalArgumentException("timeout \"" + text + "\" has no unit; " + FORMS);
    }
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("timeout \"" + text + "\" must be positive");
    }
    return d;
  }

  private static final String FORMS =
      "use a number with a unit (\"500ms\", \"20s\", \"2m\", \"1h\") or ISO-8601 (\"PT20S\")";

  /**
   * Prints a duration compactly for logs and timelines: {@code 850ms}, {@code 1.2s}, {@code 2m3s}.
   *
   * @param d the duration
   * @return its short form
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      long tenths = (ms % 1000) / 100;
      return (ms / 1000) + (tenths == 0 ? "" : "." + tenths) + "s";
    }
    long s = ms / 1000;
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
    return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
  }
}
