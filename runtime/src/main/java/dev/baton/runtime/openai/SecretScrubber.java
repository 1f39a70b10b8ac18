package dev.baton.runtime.openai;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the API key from text that may reach an exception message: error bodies, stream
 * payloads and I/O messages, any of which a misbehaving server or proxy can echo the key into.
 */
final class SecretScrubber {
  static final String REDACTED = "[redacted]";

  /** Keys shorter than this are dummies ("ollama", "none") not worth mangling messages for. */
  private static final int MIN_SECRET_LENGTH = 4;

  /**
   * Long enough keys are also caught by their prefix: OpenAI echoes a masked key such as {@code
   * sk-abc12***xyz9}, which shows part of the secret.
   */
  private static final int PREFIX_MATCH_MIN_LENGTH = 20;

  private static final int PREFIX_LENGTH = 8;

  private final Pattern pattern;

  SecretScrubber(String secret) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      this.pattern = null;
    } else if (secret.length() >= PREFIX_MATCH_MIN_LENGTH) {
      this.pattern = Pattern.compile(Pattern.quote(secret.substring(0, PREFIX_LENGTH)) + "\\S*");
    } else {
      this.pattern = Pattern.compile(Pattern.quote(secret));
    }
  }

  /** The text with every occurrence of the secret replaced; null stays null. */
  String scrub(String text) {
    if (text == null || pattern == null) {
      return text;
    }
    return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
  }
}
