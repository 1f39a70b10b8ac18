package dev.baton.processor.model;

import dev.baton.graph.JsonText;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * JSON Schemas of agent and tool parameters and agent outputs, computed at compile time in the
 * strict form of structured outputs: every object lists all its properties in {@code required} and
 * forbids additional properties; {@code Optional<T>} is nullable instead of optional.
 *
 * <p>Two deliberate departures, because the Java types demand them: {@code Map<String, V>} is an
 * object with {@code additionalProperties} of {@code V} (strict mode rejects it; non-strict
 * servers accept it), and a record that contains itself is written once under {@code $defs} and
 * referenced with {@code $ref}.
 */
public final class SchemaWriter {
  private final Elements elements;

  /** @param elements the element utilities (for record and enum members and doc comments) */
  public SchemaWriter(Elements elements) {
    this.elements = elements;
  }

  /**
   * The schema of an object with one property per parameter, skipping {@code @Context} ones.
   *
   * @param params the parameters
   * @return the object schema
   */
  public String object(List<ParamModel> params) {
    Walk walk = new Walk();
    Map<String, String> properties = new LinkedHashMap<>();
    for (ParamModel p : params) {
      if (!p.context()) {
        properties.put(p.name(), described(walk.schema(p.type()), p.description()));
      }
    }
    return walk.withDefs(object(properties));
  }

  /**
   * The schema of an agent's output: empty for {@code String}, which is sent as plain text.
   *
   * @param type the output type
   * @return the schema, or empty
   */
  public String output(TypeMirror type) {
    if (isString(type)) {
      return "";
    }
    Walk walk = new Walk();
    return walk.withDefs(walk.schema(type));
  }

  private static boolean isString(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && qualifiedName(type).equals("java.lang.String");
  }

  private static String qualifiedName(TypeMirror type) {
    return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
  }

  private static String object(Map<String, String> properties) {
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
    String enumPrefix = "{\"type\":\"string\",\"enum\":[";
    if (schema.startsWith(enumPrefix) && schema.endsWith("]}")) {
      // An enum keyword constrains null too, so null must be one of the listed values.
      String values = schema.substring(enumPrefix.length(), schema.length() - 2);
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
  private final class Walk {
    private final Deque<TypeElement> inProgress = new ArrayDeque<>();
    private final Set<TypeElement> recursive = new LinkedHashSet<>();

    String withDefs(String root) {
      if (recursive.isEmpty()) {
        return root;
      }
      Map<String, String> defs = new LinkedHashMap<>();
      // Computing a definition may discover further recursive records; loop until none is new.
      while (defs.size() < recursive.size()) {
        for (TypeElement r : List.copyOf(recursive)) {
          if (!defs.containsKey(defName(r))) {
            inProgress.push(r);
            defs.put(defName(r), record(r));
            inProgress.pop();
          }
        }
      }
      StringBuilder sb = new StringBuilder();
      defs.forEach((name, schema) ->
          sb.append(sb.isEmpty() ? "" : ",").append(JsonText.quote(name)).append(':').append(schema));
      return root.substring(0, root.length() - 1) + ",\"$defs\":{" + sb + "}}";
    }

    String schema(TypeMirror type) {
      return switch (type.getKind()) {
        case BOOLEAN -> "{\"type\":\"boolean\"}";
        case BYTE, SHORT, INT, LONG -> "{\"type\":\"integer\"}";
        case FLOAT, DOUBLE -> "{\"type\":\"number\"}";
        case CHAR -> "{\"type\":\"string\"}";
        case ARRAY -> array(((ArrayType) type).getComponentType());
        case WILDCARD -> {
          TypeMirror bound = ((WildcardType) type).getExtendsBound();
          yield bound == null ? "{}" : schema(bound);
        }
        case DECLARED -> declared((DeclaredType) type);
        default -> "{}";
      };
    }

    private String array(TypeMirror items) {
      return "{\"type\":\"array\",\"items\":" + schema(items) + "}";
    }

    private String declared(DeclaredType type) {
      TypeElement element = (TypeElement) type.asElement();
      List<? extends TypeMirror> args = type.getTypeArguments();
      switch (element.getQualifiedName().toString()) {
        case "java.lang.String", "java.lang.Character":
          return "{\"type\":\"string\"}";
        case "java.lang.Boolean":
          return "{\"type\":\"boolean\"}";
        case "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long":
          return "{\"type\":\"integer\"}";
        case "java.lang.Float", "java.lang.Double":
          return "{\"type\":\"number\"}";
        case "java.util.List", "java.util.Set":
          return args.size() == 1 ? array(args.get(0)) : "{\"type\":\"array\"}";
        case "java.util.Map":
          return "{\"type\":\"object\",\"additionalProperties\":"
              + (args.size() == 2 ? schema(args.get(1)) : "{}") + "}";
        case "java.util.Optional":
          return args.size() == 1 ? nullable(schema(args.get(0))) : "{}";
        default:
          break;
      }
      if (element.getKind() == ElementKind.ENUM) {
        StringBuilder values = new StringBuilder();
        for (Element e : element.getEnclosedElements()) {
          if (e.getKind() == ElementKind.ENUM_CONSTANT) {
            values.append(values.isEmpty() ? "" : ",").append(JsonText.quote(e.getSimpleName().toString()));
          }
        }
        return "{\"type\":\"string\",\"enum\":[" + values + "]}";
      }
      if (element.getKind() == ElementKind.RECORD) {
        if (inProgress.contains(element)) {
          recursive.add(element);
          return "{\"$ref\":\"#/$defs/" + defName(element) + "\"}";
        }
        inProgress.push(element);
        String schema = record(element);
        inProgress.pop();
        return schema;
      }
      return "{}";
    }

    private String record(TypeElement record) {
      Javadoc doc = Javadoc.of(elements, record);
      Map<String, String> properties = new LinkedHashMap<>();
      for (RecordComponentElement c : record.getRecordComponents()) {
        String name = c.getSimpleName().toString();
        String description = paramAnnotation(c);
        if (description.isEmpty()) {
          description = doc.param(name);
        }
        properties.put(name, described(schema(c.asType()), description));
      }
      return object(properties);
    }
  }

  // Simple names joined for nested records (Tree_Node): readable, and unique in practice.
  private static String defName(TypeElement record) {
    String name = record.getSimpleName().toString();
    for (Element e = record.getEnclosingElement(); e instanceof TypeElement t;
        e = t.getEnclosingElement()) {
      name = t.getSimpleName() + "_" + name;
    }
    return name;
  }

  /**
   * The {@code @Param} text of an element, or empty.
   *
   * @param element a parameter or record component
   * @return the description
   */
  public static String paramAnnotation(Element element) {
    AnnotationMirror m = Mirrors.find(element, Names.PARAM);
    return m == null ? "" : Mirrors.string(m, "value");
  }
}
