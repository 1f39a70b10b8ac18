package dev.baton.graph;

import dev.baton.graph.internal.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas Baton sends to models, written from {@link TypeShape}s: one implementation for
 * the annotation processor (compile time) and the fluent builder (run time).
 *
 * <p>Every schema is in the strict form of OpenAI's structured outputs ("Supported schemas" in the
 * Structured Outputs guide): each object lists all its properties in {@code required} and sets
 * {@code additionalProperties: false}; {@code Optional<T>} is nullable ({@code "type": ["string",
 * "null"]}, or {@code anyOf} with {@code null}) instead of optional; {@code Map<String, V>} is an
 * array of {@code {"key", "value"}} entries; a record that contains itself is written once under
 * {@code $defs} at the root and referenced with {@code $ref}, so every reference resolves from the
 * root. Only {@code type}, {@code properties}, {@code required}, {@code additionalProperties},
 * {@code items}, {@code enum}, {@code anyOf}, {@code $ref}, {@code $defs} and {@code description}
 * are used.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonSchemas {
  private static final String ENUM_PREFIX = "{\"type\":\"string\",\"enum\":[";
  private static final String DEFS = ",\"$defs\":{";

  private JsonSchemas() {}

  /**
   * The schema of an object with one required property per parameter: agent and tool inputs.
   *
   * @param properties the parameters, in order
   * @return the object schema
   */
  public static String object(List<TypeShape.Property> properties) {
    Walk walk = new Walk();
    return walk.withDefs(walk.object(properties));
  }

  /**
   * The schema of a value of one shape, e.g. an agent's output.
   *
   * @param shape the shape
   * @return the schema; an object schema only if the shape is a record
   */
  public static String of(TypeShape shape) {
    Walk walk = new Walk();
    return walk.withDefs(walk.schema(shape));
  }

  /**
   * Wraps a schema whose root is not an object (strict mode requires an object root) as {@code
   * {"value": schema}}, moving its {@code $defs} to the new root so that every {@code $ref} still
   * resolves. The model's answer is then read from its {@code value} property.
   *
   * @param schema a schema written by this class
   * @return the wrapped schema
   */
  public static String wrapValue(String schema) {
    String inner = schema;
    String defs = "";
    int at = topLevelDefs(schema);
    if (at >= 0) {
      inner = schema.substring(0, at) + "}";
      defs = schema.substring(at, schema.length() - 1);
    }
    return "{\"type\":\"object\",\"properties\":{\"value\":" + inner
        + "},\"required\":[\"value\"],\"additionalProperties\":false" + defs + "}";
  }

  // The index of ,"$defs":{ among the root object's own members, or -1.
  private static int topLevelDefs(String schema) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < schema.length(); i++) {
      char c = schema.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 1 && schema.startsWith(DEFS, i)) {
        return i;
      }
    }
    return -1;
  }

  private static String objectOf(Map<String, String> properties) {
    StringBuilder props = new StringBuilder();
    StringBuilder required = new StringBuilder();
    properties.forEach((name, schema) -> {
      if (!props.isEmpty()) {
        props.append(',');
        required.append(',');
      }
      props.append(JsonText.quote(name)).append(':').append(schema);
      required.append(JsonText.quote(name));
    });
    return "{\"type\":\"object\",\"properties\":{" + props + "},\"required\":[" + required
        + "],\"additionalProperties\":false}";
  }

  private static String described(String schema, String description) {
    if (description.isEmpty()) {
      return schema;
    }
    return "{\"description\":" + JsonText.quote(description)
        + (schema.equals("{}") ? "}" : "," + schema.substring(1));
  }

  private static String nullable(String schema) {
    if (schema.startsWith(ENUM_PREFIX) && schema.endsWith("]}")) {
      // An enum keyword constrains null too, so null must be one of the listed values.
      String values = schema.substring(ENUM_PREFIX.length(), schema.length() - 2);
      return "{\"type\":[\"string\",\"null\"],\"enum\":[" + (values.isEmpty() ? "" : values + ",")
          + "null]}";
    }
    String prefix = "{\"type\":\"";
    if (schema.startsWith(prefix)) {
      int end = schema.indexOf('"', prefix.length());
      String type = schema.substring(prefix.length(), end);
      return "{\"type\":[\"" + type + "\",\"null\"]" + schema.substring(end + 1);
    }
    return "{\"anyOf\":[" + schema + ",{\"type\":\"null\"}]}";
  }

  /** One schema computation: tracks records in progress to break cycles with {@code $ref}. */
  private static final class Walk {
    private final List<String> inProgress = new ArrayList<>();
    private final Map<String, TypeShape.RecordOf> recursive = new LinkedHashMap<>();

    String withDefs(String root) {
      if (recursive.isEmpty()) {
        return root;
      }
      Map<String, String> defs = new LinkedHashMap<>();
      Set<String> done = new LinkedHashSet<>();
      // Computing a definition may discover further recursive records; loop until none is new.
      while (done.size() < recursive.size()) {
        for (TypeShape.RecordOf r : List.copyOf(recursive.values())) {
          if (done.add(r.name())) {
            inProgress.add(r.name());
            defs.put(r.definitionName(), object(r.components().get()));
            inProgress.remove(inProgress.size() - 1);
          }
        }
      }
      StringBuilder sb = new StringBuilder();
      defs.forEach((name, schema) ->
          sb.append(sb.isEmpty() ? "" : ",").append(JsonText.quote(name)).append(':').append(schema));
      return root.substring(0, root.length() - 1) + DEFS + sb + "}}";
    }

    String object(List<TypeShape.Property> properties) {
      Map<String, String> schemas = new LinkedHashMap<>();
      for (TypeShape.Property p : properties) {
        schemas.put(p.name(), described(schema(p.shape()), p.description()));
      }
      return objectOf(schemas);
    }

    String schema(TypeShape shape) {
      return switch (shape) {
        case TypeShape.Scalar s -> switch (s) {
          case STRING -> "{\"type\":\"string\"}";
          case INTEGER -> "{\"type\":\"integer\"}";
          case NUMBER -> "{\"type\":\"number\"}";
          case BOOLEAN -> "{\"type\":\"boolean\"}";
        };
        case TypeShape.ArrayOf a -> "{\"type\":\"array\",\"items\":" + schema(a.items()) + "}";
        case TypeShape.MapOf m -> "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":"
            + "{\"key\":{\"type\":\"string\"},\"value\":" + schema(m.values())
            + "},\"required\":[\"key\",\"value\"],\"additionalProperties\":false}}";
        case TypeShape.OptionalOf o -> nullable(schema(o.value()));
        case TypeShape.EnumOf e -> {
          StringBuilder values = new StringBuilder();
          for (String c : e.constants()) {
            values.append(values.isEmpty() ? "" : ",").append(JsonText.quote(c));
          }
          yield ENUM_PREFIX + values + "]}";
        }
        case TypeShape.RecordOf r -> {
          if (inProgress.contains(r.name())) {
            recursive.putIfAbsent(r.name(), r);
            yield "{\"$ref\":\"#/$defs/" + r.definitionName() + "\"}";
          }
          inProgress.add(r.name());
          String schema = object(r.components().get());
          inProgress.remove(inProgress.size() - 1);
          yield schema;
        }
        case TypeShape.Unsupported u -> "{}";
      };
    }
  }
}
