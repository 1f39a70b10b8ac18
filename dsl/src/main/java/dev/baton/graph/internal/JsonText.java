package dev.baton.graph.internal;

/**
 * Writes JSON string literals, for the JSON Schemas that the processor and {@link AgentGraph.Builder}
 * write by hand: neither module depends on a JSON library.
 */
public final class JsonText {
  private JsonText() {}

  /**
   * Quotes and escapes a string as a JSON string literal.
   *
   * @param s the text
   * @return the literal, with quotes
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
