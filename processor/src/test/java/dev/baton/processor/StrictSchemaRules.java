package dev.baton.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * OpenAI's documented rules for schemas sent with {@code strict: true} (Structured Outputs guide,
 * "Supported schemas"), applied at every depth: the root is an object (not {@code anyOf}); every
 * object sets {@code additionalProperties: false} and lists all its properties in {@code
 * required}; only supported keywords appear; {@code $ref} resolves from the root; at most 5,000
 * object properties in total and 10 levels of object nesting; at most 1,000 enum values; at most
 * 120,000 characters of property names, definition names and enum values.
 */
final class StrictSchemaRules {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYWORDS = Set.of("type", "properties", "required",
      "additionalProperties", "items", "enum", "anyOf", "$ref", "description", "const", "$defs",
      "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
      "multipleOf", "minItems", "maxItems");
  private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean",
      "object", "array", "null");

  private final JsonNode root;
  private final List<String> violations = new ArrayList<>();
  private int properties;
  private int enumValues;
  private int stringLength;

  private StrictSchemaRules(JsonNode root) {
    this.root = root;
  }

  /**
   * Every rule the schema breaks.
   *
   * @param schema the schema text
   * @return the violations, each with its JSON pointer; empty if strict-valid
   */
  static List<String> violations(String schema) {
    JsonNode root;
    try {
      root = JSON.readTree(schema);
    } catch (Exception e) {
      return List.of("not JSON: " + e.getMessage());
    }
    StrictSchemaRules rules = new StrictSchemaRules(root);
    rules.checkRoot();
    return rules.violations;
  }

  private void checkRoot() {
    if (!root.isObject() || !"object".equals(root.path("type").asText(null))) {
      violations.add("/: the root is not an object schema (type \"object\")");
    }
    if (root.has("anyOf")) {
      violations.add("/: the root is anyOf");
    }
    JsonNode defs = root.get("$defs");
    if (defs != null) {
      for (Iterator<String> it = defs.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        stringLength += name.length();
        check(defs.get(name), "/$defs/" + name, 0);
      }
    }
    check(root, "", 0);
    if (properties > 5000) {
      violations.add("/: " + properties + " object properties in total; at most 5000");
    }
    if (enumValues > 1000) {
      violations.add("/: " + enumValues + " enum values in total; at most 1000");
    }
    if (stringLength > 120_000) {
      violations.add("/: " + stringLength + " characters of names and enum values; at most 120000");
    }
  }

  private void check(JsonNode node, String at, int depth) {
    if (!node.isObject()) {
      violations.add(at + ": a schema is not an object");
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYWORDS.contains(key)) {
        violations.add(at + ": unsupported keyword " + key);
      }
      if (key.equals("$defs") && node != root) {
        violations.add(at + ": $defs below the root");
      }
    }
    if (!node.has("type") && !node.has("anyOf") && !node.has("$ref") && !node.has("enum")
        && !node.has("const")) {
      violations.add(at + ": a schema without type, anyOf, $ref, enum or const accepts anything");
    }
    Set<String> types = types(node.get("type"), at);
    if (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      if (!ref.equals("#") && (!ref.startsWith("#/$defs/")
          || !root.path("$defs").has(ref.substring("#/$defs/".length())))) {
        violations.add(at + ": $ref " + ref + " does not resolve from the root");
      }
    }
    if (types.contains("object")) {
      if (depth + 1 > 10) {
        violations.add(at + ": more than 10 levels of object nesting");
      }
      JsonNode props = node.get("properties");
      if (props == null || !props.isObject()) {
        violations.add(at + ": an object without properties");
      } else {
        Set<String> names = new HashSet<>();
        props.fieldNames().forEachRemaining(names::add);
        properties += names.size();
        names.forEach(n -> stringLength += n.length());
        Set<String> required = new HashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        if (!required.equals(names)) {
          violations.add(at + ": required " + required + " is not every property " + names);
        }
        for (String n : names) {
          check(props.get(n), at + "/properties/" + n, depth + 1);
        }
      }
      JsonNode additional = node.get("additionalProperties");
      if (additional == null || !additional.isBoolean() || additional.asBoolean()) {
        violations.add(at + ": additionalProperties is not false");
      }
    }
    if (types.contains("array")) {
      JsonNode items = node.get("items");
      if (items == null) {
        violations.add(at + ": an array without items");
      } else {
        check(items, at + "/items", depth);
      }
    }
    if (node.has("anyOf")) {
      int i = 0;
      for (JsonNode alternative : node.get("anyOf")) {
        check(alternative, at + "/anyOf/" + i++, depth);
      }
    }
    if (node.has("enum")) {
      for (JsonNode v : node.get("enum")) {
        enumValues++;
        if (v.isNull() && !types.contains("null")) {
          violations.add(at + ": enum has null but type does not");
        }
        stringLength += v.isTextual() ? v.asText().length() : 0;
      }
    }
  }

  private Set<String> types(JsonNode type, String at) {
    Set<String> types = new HashSet<>();
    if (type == null) {
      return types;
    }
    if (type.isTextual()) {
      types.add(type.asText());
    } else if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else {
      violations.add(at + ": type is neither a string nor an array");
    }
    for (String t : types) {
      if (!TYPES.contains(t)) {
        violations.add(at + ": unknown type " + t);
      }
    }
    return types;
  }
}
