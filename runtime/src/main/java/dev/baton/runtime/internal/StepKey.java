package dev.baton.runtime.internal;

/**
 * A journal key as a run writes it, split into its parts: {@code <path>#m<turn>} (a model
 * response), {@code #t<turn>.<index>:<callId>} (a tool result), {@code #a<turn>.<index>} (an
 * approval request), {@code #c<n>} (where a call went), {@code #out}, {@code #outcome}.
 *
 * <p>The path is everything before the last {@code #} that starts one of these suffixes (a path
 * may hold {@code #}, e.g. a repeated call {@code loop/worker#2}, and so may a call id); neither
 * path nor call id holds a line break, and numbers are decimal digits that fit an {@code int}.
 *
 * @param path the invocation's path
 * @param kind {@code 'm'}, {@code 't'}, {@code 'a'}, {@code 'c'}, {@code 'o'} ({@code #out}) or
 *     {@code 'O'} ({@code #outcome})
 * @param turn the model turn of {@code m}, {@code t} and {@code a}, the call number of {@code c};
 *     else 0
 * @param index the position of the call in its turn, for {@code t} and {@code a}; else 0
 * @param callId the call id of {@code t}; else empty
 */
record StepKey(String path, char kind, int turn, int index, String callId) {
  /** The parts of {@code key}, or null if it is no step key a run writes. */
  static StepKey parse(String key) {
    for (int hash = key.lastIndexOf('#'); hash >= 0; hash = key.lastIndexOf('#', hash - 1)) {
      StepKey k = suffix(key, hash);
      if (k != null) {
        return noLineBreak(k.path) ? k : null;
      }
      if (hash == 0) {
        break;
      }
    }
    return null;
  }

  // The key's parts if the text after the '#' at hash is one of the suffixes, else null.
  private static StepKey suffix(String key, int hash) {
    String path = key.substring(0, hash);
    int at = hash + 1;
    int end = key.length();
    if (at >= end) {
      return null;
    }
    char kind = key.charAt(at);
    switch (kind) {
      case 'm', 'c' -> {
        int n = number(key, at + 1, end);
        return n < 0 ? null : new StepKey(path, kind, n, 0, "");
      }
      case 'a' -> {
        int dot = key.indexOf('.', at + 1);
        int turn = dot < 0 ? -1 : number(key, at + 1, dot);
        int index = turn < 0 ? -1 : number(key, dot + 1, end);
        return index < 0 ? null : new StepKey(path, kind, turn, index, "");
      }
      case 't' -> {
        int dot = key.indexOf('.', at + 1);
        int colon = dot < 0 ? -1 : key.indexOf(':', dot + 1);
        int turn = colon < 0 ? -1 : number(key, at + 1, dot);
        int index = turn < 0 ? -1 : number(key, dot + 1, colon);
        String callId = key.substring(colon + 1);
        return index < 0 || !noLineBreak(callId) ? null
            : new StepKey(path, kind, turn, index, callId);
      }
      case 'o' -> {
        String rest = key.substring(at);
        return rest.equals("out") ? new StepKey(path, 'o', 0, 0, "")
            : rest.equals("outcome") ? new StepKey(path, 'O', 0, 0, "") : null;
      }
      default -> {
        return null;
      }
    }
  }

  // The decimal number in key[from, to): at least one ASCII digit, no sign; -1 if not one.
  private static int number(String key, int from, int to) {
    if (from >= to) {
      return -1;
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
      if (n > Integer.MAX_VALUE) {
        return -1;
      }
    }
    return (int) n;
  }

  // Line breaks as java.util.regex's '.' excludes them, which is how these keys were matched.
  private static boolean noLineBreak(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return false;
      }
    }
    return true;
  }
}
