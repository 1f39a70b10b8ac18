package dev.baton.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.internal.Json;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The arguments of one tool call, bound to Java types on request. Generated tool invokers call
 * {@link #get(String, Type)} for every parameter before calling the tool method, so a missing or
 * mistyped argument is reported to the model before any user code runs.
 */
public final class ToolArguments {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final String tool;
  private final ObjectNode json;

  private ToolArguments(String tool, ObjectNode json) {
    this.tool = tool;
    this.json = json;
  }

  /**
   * Parses the model's arguments.
   *
   * @param tool the tool name, for messages
   * @param arguments a JSON object text; blank means no arguments
   * @return the arguments
   * @throws ToolArgumentException if the text is not a JSON object
   */
  public static ToolArguments parse(String tool, String arguments) {
    Objects.requireNonNull(tool, "tool");
    if (arguments == null || arguments.isBlank()) {
      return new ToolArguments(tool, Json.mapper().createObjectNode());
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(arguments);
    } catch (JsonProcessingException e) {
      throw new ToolArgumentException(tool, "arguments of " + tool + " are not valid JSON ("
          + e.getOriginalMessage() + "); send a JSON object matching the tool's schema");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ToolArgumentException(tool, "arguments of " + tool + " must be a JSON object, not "
          + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return new ToolArguments(tool, object);
  }

  /**
   * Binds one argument.
   *
   * @param name the parameter name
   * @param type its type (a {@code Class} or a generic type from {@code dev.baton.graph.Types})
   * @param <T> the type
   * @return the value; {@code Optional.empty()} for a missing {@code Optional} argument
   * @throws ToolArgumentException if it is missing, null for a primitive, or of the wrong shape
   */
  @SuppressWarnings("unchecked")
  public <T> T get(String name, Type type) {
    JsonNode node = json.get(name);
    boolean optional = type == Optional.class
        || (type instanceof java.lang.reflect.ParameterizedType p && p.getRawType() == Optional.class);
    if (node == null || node.isNull()) {
      if (optional) {
        return (T) Optional.empty();
      }
      if (node == null) {
        throw new ToolArgumentException(tool, "argument \"" + name + "\" of " + tool + " is missing");
      }
      if (type instanceof Class<?> c && c.isPrimitive()) {
        throw new ToolArgumentException(tool, "argument \"" + name + "\" of " + tool + " must not be null");
      }
      return null;
    }
    try {
      return Json.convert(node, type);
    } catch (IllegalArgumentException e) {
      throw new ToolArgumentException(tool, "argument \"" + name + "\" of " + tool + " does not fit "
          + type.getTypeName().replaceAll("[a-z0-9_$]+\\.", "") + ": " + Json.shortMessage(e));
    }
  }

  /**
   * Binds one argument of a non-generic type.
   *
   * @param name the parameter name
   * @param type its class
   * @param <T> the type
   * @return the value
   * @throws ToolArgumentException if it is missing or of the wrong shape
   */
  public <T> T get(String name, Class<T> type) {
    return get(name, (Type) type);
  }

  /**
   * The arguments as JSON object text, as the model sent them (parsed and written again).
   *
   * @return e.g. {@code {"orderId":"A-17","cents":1250}}
   */
  public String toJson() {
    return json.toString();
  }

  /**
   * The arguments as plain Java values: a map by name whose values are {@code String}, {@code
   * Number}, {@code Boolean}, {@code null}, {@code List} or {@code Map} (JSON objects), in the
   * order the model sent them. A fresh copy each call.
   *
   * @return the arguments
   */
  public Map<String, Object> asMap() {
    return Json.mapper().convertValue(json, MAP);
  }

  /** The tool these arguments are for. */
  public String tool() {
    return tool;
  }

  @Override
  public String toString() {
    return tool + json;
  }
}
