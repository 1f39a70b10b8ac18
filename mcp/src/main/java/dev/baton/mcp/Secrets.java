package dev.baton.mcp;

import java.util.Comparator;
import java.util.List;

/**
 * The credentials a toolset was configured with (header values and their tokens, the URL's user
 * info and query values, a stdio server's environment values and arguments), cut out of text that
 * comes from the server or its transport before that text reaches a message, the model or the
 * journal: a gateway that answers {@code 401} or {@code 500} may quote the request's URL or
 * {@code Authorization} header in its body, and the SDK puts that body in its exception message.
 * Immutable and thread-safe.
 *
 * @param values the strings to cut out, longest first
 */
record Secrets(List<String> values) {
  /** Shorter strings are too likely to be ordinary words to cut out of text. */
  static final int MIN_LENGTH = 4;

  /** What a cut-out secret reads as. */
  static final String MASK = "******";

  Secrets {
    values = values.stream().filter(v -> v != null && v.length() >= MIN_LENGTH).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** The text with every secret replaced by {@link #MASK}; {@code null} stays {@code null}. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String v : values) {
      out = out.replace(v, MASK);
    }
    return out;
  }

  /**
   * The cause to attach to an exception: {@code t} itself when no message along its chain quotes a
   * secret, otherwise none (a logged stack trace would print the secret).
   */
  Throwable safeCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null && !m.equals(redact(m))) {
        return null;
      }
    }
    return t;
  }
}
