package dev.baton.runtime.openai;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes configured secrets from text: the API key, the values of configured headers (and the
 * token of an {@code Authorization}-style {@code Scheme token} value), key-like query parameters
 * and the password of the base URL. Applied to everything a model client reports or returns:
 * exception messages and causes, the answer's text and deltas, refusals, tool-call arguments and
 * provider fields.
 *
 * <p>Values shorter than {@value #MIN_SECRET_LENGTH} characters are left alone (dummies such as
 * {@code ollama} in a local setup are not worth mangling messages for). A secret of at least
 * {@value #PREFIX_MATCH_MIN_LENGTH} characters is also caught by its first {@value #PREFIX_LENGTH}
 * characters up to the next whitespace: OpenAI echoes a masked key such as {@code
 * sk-abc12***xyz9}, which shows part of the secret. Immutable and thread-safe.
 */
final class SecretScrubber {
  static final String REDACTED = "[redacted]";

  /** Values shorter than this are dummies not worth mangling messages for. */
  static final int MIN_SECRET_LENGTH = 8;

  /** Secrets at least this long are also matched by their prefix. */
  static final int PREFIX_MATCH_MIN_LENGTH = 20;

  static final int PREFIX_LENGTH = 8;

  /** A scrubber that removes nothing. */
  static final SecretScrubber NONE = new SecretScrubber(List.of());

  private final List<String> exact;
  private final List<String> prefixes;
  private final Pattern pattern;

  SecretScrubber(Collection<String> secrets) {
    List<String> exactSecrets = new ArrayList<>();
    List<String> prefixSecrets = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
        continue;
      }
      String s = secret.strip();
      if (s.length() >= PREFIX_MATCH_MIN_LENGTH) {
        prefixSecrets.add(s.substring(0, PREFIX_LENGTH));
      } else {
        exactSecrets.add(s);
      }
    }
    this.exact = List.copyOf(exactSecrets);
    this.prefixes = List.copyOf(prefixSecrets);
    List<String> alternatives = new ArrayList<>();
    prefixes.forEach(p -> alternatives.add(Pattern.quote(p) + "\\S*"));
    // Longest first, so a secret that contains another is removed whole.
    exact.stream().sorted((a, b) -> b.length() - a.length())
        .forEach(e -> alternatives.add(Pattern.quote(e)));
    this.pattern = alternatives.isEmpty() ? null
        : Pattern.compile(alternatives.stream().collect(Collectors.joining("|")));
  }

  /** A scrubber for one secret, e.g. the API key. */
  static SecretScrubber of(String secret) {
    return new SecretScrubber(secret == null ? List.of() : List.of(secret));
  }

  /** The text with every occurrence of a secret replaced; null stays null. */
  String scrub(String text) {
    if (text == null || pattern == null) {
      return text;
    }
    return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
  }

  /**
   * Where text may be cut so that scrubbing each side alone equals scrubbing the whole: before
   * any tail that could be the start of a secret, and before a prefix match that no whitespace has
   * ended yet. Streams hold back the text after it until more arrives.
   *
   * @param text text received so far and not yet released
   * @return the number of leading characters safe to scrub and release
   */
  int safeCut(CharSequence text) {
    int cut = text.length();
    String s = text.toString();
    for (String needle : exact) {
      cut = Math.min(cut, partialTail(s, needle));
    }
    for (String needle : prefixes) {
      cut = Math.min(cut, partialTail(s, needle));
      for (int at = s.indexOf(needle); at >= 0; at = s.indexOf(needle, at + 1)) {
        if (!hasWhitespace(s, at + needle.length())) {
          cut = Math.min(cut, at);
          break;
        }
      }
    }
    return cut;
  }

  /** Where the longest tail of {@code s} that is a proper prefix of {@code needle} starts. */
  private static int partialTail(String s, String needle) {
    for (int k = Math.min(needle.length() - 1, s.length()); k > 0; k--) {
      if (s.regionMatches(s.length() - k, needle, 0, k)) {
        return s.length() - k;
      }
    }
    return s.length();
  }

  private static boolean hasWhitespace(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether there is anything to scrub. */
  boolean isEmpty() {
    return pattern == null;
  }
}
