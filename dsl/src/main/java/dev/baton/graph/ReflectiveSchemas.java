package dev.baton.graph;

import static dev.baton.graph.JsonText.quote;

import dev.baton.Param;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON Schemas for graphs built at run time, derived from reflected types in the strict form that
 * structured outputs accept (every property required, no additional properties, {@code Optional}
 * as nullable, {@link Param} texts of record components as descriptions). Generated runners pass
 * schemas computed at compile time instead.
 */
final class ReflectiveSchemas {
  private static final String ENUM_PREFIX = "{\"type\":\"string\",\"enum\":[";

  private ReflectiveSchemas() {}

  static String inputs(List<Input> inputs) {
    StringBuilder props = new StringBuilder();
    StringBuilder required = new StringBuilder();
    for (Input i : inputs) {
      if (!props.isEmpty()) {
        props.append(',');
        required.append(',');
      }
      String schema = schemaOf(i.type(), new ArrayDeque<>());
      if (!i.description().isEmpty()) {
        schema = withDescription(schema, i.description());
      }
      props.append(quote(i.name())).append(':').append(schema);
      required.append(quote(i.name()));
    }
    return object(props, required);
  }

  static String output(TypeRef type) {
    if (type instanceof JavaTypeRef j && j.type() == String.class) {
      return "";
    }
    return schemaOf(type, new ArrayDeque<>());
  }

  private static String schemaOf(TypeRef ref, Deque<Class<?>> seen) {
    if (!(ref instanceof JavaTypeRef j)) {
      return "{}";
    }
    return schemaOf(j.type(), seen);
  }

  private static String schemaOf(Type t, Deque<Class<?>> seen) {
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return "{\"type\":\"array\",\"items\":" + schemaOf(args[0], seen) + "}";
      }
      if (Map.class.isAssignableFrom(raw)) {
        return "{\"type\":\"object\",\"additionalProperties\":" + schemaOf(args[1], seen) + "}";
      }
      if (raw == Optional.class) {
        return nullable(schemaOf(args[0], seen));
      }
      return schemaOf(raw, seen);
    }
    if (t instanceof WildcardType w) {
      // List<? extends Finding> holds Findings; an unbounded wildcard allows anything.
      Type[] upper = w.getUpperBounds();
      return upper.length == 1 && upper[0] != Object.class ? schemaOf(upper[0], seen) : "{}";
    }
    if (t instanceof GenericArrayType g) {
      return "{\"type\":\"array\",\"items\":" + schemaOf(g.getGenericComponentType(), seen) + "}";
    }
    if (!(t instanceof Class<?> c)) {
      return "{}";
    }
    if (c == String.class || c == char.class || c == Character.class) {
      return "{\"type\":\"string\"}";
    }
    if (c == boolean.class || c == Boolean.class) {
      return "{\"type\":\"boolean\"}";
    }
    if (c == int.class || c == long.class || c == short.class || c == byte.class
        || c == Integer.class || c == Long.class || c == Short.class || c == Byte.class) {
      return "{\"type\":\"integer\"}";
    }
    if (c == double.class || c == float.class || c == Double.class || c == Float.class) {
      return "{\"type\":\"number\"}";
    }
    if (c.isArray()) {
      return "{\"type\":\"array\",\"items\":" + schemaOf(c.getComponentType(), seen) + "}";
    }
    if (c.isEnum()) {
      StringBuilder values = new StringBuilder();
      for (Object constant : c.getEnumConstants()) {
        values.append(values.isEmpty() ? "" : ",").append(quote(((Enum<?>) constant).name()));
      }
      return "{\"type\":\"string\",\"enum\":[" + values + "]}";
    }
    if (c.isRecord() && !seen.contains(c)) {
      seen.push(c);
      StringBuilder props = new StringBuilder();
      StringBuilder required = new StringBuilder();
      for (RecordComponent rc : c.getRecordComponents()) {
        if (!props.isEmpty()) {
          props.append(',');
          required.append(',');
        }
        String schema = schemaOf(rc.getGenericType(), seen);
        Param param = rc.getAnnotation(Param.class);
        if (param != null && !param.value().isEmpty()) {
          schema = withDescription(schema, param.value());
        }
        props.append(quote(rc.getName())).append(':').append(schema);
        required.append(quote(rc.getName()));
      }
      seen.pop();
      return object(props, required);
    }
    return "{}";
  }

  private static String object(CharSequence props, CharSequence required) {
    return "{\"type\":\"object\",\"properties\":{" + props + "},\"required\":[" + required
        + "],\"additionalProperties\":false}";
  }

  private static String nullable(String schema) {
    if (schema.startsWith(ENUM_PREFIX)) {
      // An enum keyword constrains null too, so null must be one of the listed values.
      String values = schema.substring(ENUM_PREFIX.length(), schema.length() - 2);
      return "{\"type\":[\"string\",\"null\"],\"enum\":["
          + (values.isEmpty() ? "" : values + ",") + "null]}";
    }
    if (schema.startsWith("{\"type\":\"")) {
      int end = schema.indexOf('"', 9);
      String type = schema.substring(9, end);
      return "{\"type\":[\"" + type + "\",\"null\"]" + schema.substring(end + 1);
    }
    return "{\"anyOf\":[" + schema + ",{\"type\":\"null\"}]}";
  }

  private static String withDescription(String schema, String description) {
    return "{\"description\":" + quote(description) + (schema.equals("{}") ? "}" : "," + schema.substring(1));
  }
}
