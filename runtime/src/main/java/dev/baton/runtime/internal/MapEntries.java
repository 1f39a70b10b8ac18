package dev.baton.runtime.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.MapType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code Map<String, V>} from either JSON form: an object, or the array of {@code {"key",
 * "value"}} entries that Baton's strict schemas ask models for ({@code dev.baton.graph.JsonSchemas}).
 * Maps are written as objects.
 */
final class MapEntries {
  private MapEntries() {}

  /** The module to register on the runtime's mapper. */
  static SimpleModule module() {
    SimpleModule module = new SimpleModule("baton-map-entries");
    module.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
          BeanDescription description, JsonDeserializer<?> deserializer) {
        return new EntriesOrObject(deserializer, type);
      }
    });
    return module;
  }

  private static final class EntriesOrObject extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;
    private final JavaType type;

    EntriesOrObject(JsonDeserializer<?> delegate, JavaType type) {
      super(delegate);
      this.type = type;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new EntriesOrObject(newDelegatee, type);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        return super.deserialize(p, ctxt);
      }
      JsonNode entries = ctxt.readTree(p);
      Map<String, Object> map = new LinkedHashMap<>();
      for (JsonNode entry : entries) {
        JsonNode key = entry.get("key");
        if (!entry.isObject() || key == null || !key.isTextual() || !entry.has("value")) {
          return ctxt.handleUnexpectedToken(type, JsonToken.START_ARRAY, p,
              "a map entry is an object with a string \"key\" and a \"value\"");
        }
        if (map.containsKey(key.asText())) {
          return ctxt.handleUnexpectedToken(type, JsonToken.START_ARRAY, p,
              "map key \"%s\" appears in more than one entry", key.asText());
        }
        map.put(key.asText(), ctxt.readTreeAsValue(entry.get("value"), type.getContentType()));
      }
      if (!type.getRawClass().isInstance(map)) {
        return ctxt.handleUnexpectedToken(type, JsonToken.START_ARRAY, p,
            "entries bind to Map<String, V> only");
      }
      return map;
    }
  }
}
