package dev.baton.processor.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/**
 * The parts of a doc comment the model needs: the main description (a tool's default description)
 * and the {@code @param} descriptions (schema property descriptions), as plain one-line text.
 *
 * @param summary the main description; empty if none
 * @param params the {@code @param} descriptions by parameter name
 */
public record Javadoc(String summary, Map<String, String> params) {
  private static final Pattern INLINE_TAG = Pattern.compile("\\{@\\w+\\s*([^}]*)}");
  private static final Javadoc NONE = new Javadoc("", Map.of());

  /** Copies the parameters. */
  public Javadoc {
    params = Map.copyOf(params);
  }

  /**
   * Reads an element's doc comment; only elements compiled from source have one.
   *
   * @param elements the utilities
   * @param element the element
   * @return its doc comment, possibly empty
   */
  public static Javadoc of(Elements elements, Element element) {
    String doc = elements.getDocComment(element);
    return doc == null || doc.isBlank() ? NONE : parse(doc);
  }

  static Javadoc parse(String doc) {
    StringBuilder summary = new StringBuilder();
    Map<String, String> params = new LinkedHashMap<>();
    String tag = null;
    String param = null;
    StringBuilder text = new StringBuilder();
    for (String line : doc.split("\\R")) {
      String l = line.strip();
      if (l.startsWith("@")) {
        flush(tag, param, text, params);
        text.setLength(0);
        String[] parts = l.split("\\s+", 3);
        tag = parts[0];
        param = tag.equals("@param") && parts.length > 1 ? parts[1] : null;
        if (parts.length > (param != null ? 2 : 1)) {
          text.append(parts[param != null ? 2 : 1]);
        }
      } else if (tag == null) {
        summary.append(summary.isEmpty() ? "" : " ").append(l);
      } else {
        text.append(' ').append(l);
      }
    }
    flush(tag, param, text, params);
    return new Javadoc(clean(summary.toString()), params);
  }

  private static void flush(String tag, String param, StringBuilder text, Map<String, String> params) {
    if ("@param".equals(tag) && param != null && !param.startsWith("<")) {
      params.putIfAbsent(param, clean(text.toString()));
    }
  }

  private static String clean(String text) {
    Matcher m = INLINE_TAG.matcher(text);
    String plain = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1).strip()));
    return plain.replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip();
  }

  /** The description of one parameter; empty if none. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }
}
