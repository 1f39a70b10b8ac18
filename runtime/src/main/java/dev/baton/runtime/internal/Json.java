package dev.baton.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;

/** The one JSON mapping of the runtime: agent inputs and outputs, tool arguments, the journal. */
public final class Json {
  // Built on first use: a run whose values are all strings never loads Jackson.
  private static final class Holder {
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new SimpleModule("baton-results").addSerializer(new ResultsSerializer()))
        .addModule(MapEntries.module())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
        .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
        .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
        .build();
  }

  private static final ConcurrentHashMap<Type, JavaType> TYPES = new ConcurrentHashMap<>();

  private Json() {}

  /** The shared, configured mapper. */
  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  private static JavaType javaType(Type type) {
    return TYPES.computeIfAbsent(type, t -> Holder.MAPPER.getTypeFactory().constructType(t));
  }

  /**
   * Binds a JSON tree to a type.
   *
   * @throws IllegalArgumentException if it does not fit
   */
  public static <T> T convert(JsonNode node, Type type) {
    try {
      return Holder.MAPPER.treeToValue(node, javaType(type));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses JSON text into a type.
   *
   * @throws IllegalArgumentException if it is not JSON or does not fit
   */
  public static <T> T parse(String text, Type type) {
    try {
      return Holder.MAPPER.readValue(text, javaType(type));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses JSON text into a tree.
   *
   * @throws IllegalArgumentException if it is not JSON
   */
  public static JsonNode tree(String text) {
    try {
      return Holder.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /** A value as a JSON tree. */
  public static JsonNode toTree(Object value) {
    return Holder.MAPPER.valueToTree(value);
  }

  /** A value as JSON text. */
  public static String write(Object value) {
    try {
      return Holder.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /** A value as the model should see it: strings as they are, anything else as JSON. */
  public static String text(Object value) {
    return value instanceof String s ? s : write(value);
  }

  /** The first line of an exception's message, without Jackson's source location noise. */
  public static String shortMessage(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
