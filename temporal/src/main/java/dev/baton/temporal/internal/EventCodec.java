package dev.baton.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.Outcome;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.internal.AgentExceptions;
import dev.baton.runtime.internal.Json;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Run events as JSON for the {@code events} query, and back on the client. Each event is an object
 * with its record's simple name as {@code type} and its components by name; instants and durations
 * are milliseconds; a branch outcome keeps its agent, status, value (as JSON) and error message.
 */
public final class EventCodec {
  private EventCodec() {}

  /** Events as a JSON array. */
  public static String write(List<RunEvent> events) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (RunEvent e : events) {
      ObjectNode n = out.addObject().put("type", e.getClass().getSimpleName());
      for (RecordComponent c : e.getClass().getRecordComponents()) {
        n.set(c.getName(), toJson(read(c, e)));
      }
    }
    return out.toString();
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static JsonNode toJson(Object v) {
    return switch (v) {
      case null -> Json.mapper().nullNode();
      case Instant i -> Json.mapper().getNodeFactory().numberNode(i.toEpochMilli());
      case Duration d -> Json.mapper().getNodeFactory().numberNode(d.toMillis());
      case RunStatus s -> Json.mapper().getNodeFactory().textNode(s.name());
      case Outcome<?> o -> outcome(o);
      default -> Json.toTree(v);
    };
  }

  // A failed outcome's exception with its type, or its recorded text if the type is not known.
  private static AgentException failed(JsonNode v, String agent) {
    AgentException typed = AgentExceptions.fromJson("", v.get("failure"));
    return typed != null ? typed : new AgentException("", agent, v.path("error").asText(), null);
  }

  private static ObjectNode outcome(Outcome<?> o) {
    ObjectNode n = Json.mapper().createObjectNode();
    switch (o) {
      case Outcome.Success<?> s -> n.put("status", "success").put("agent", s.agent())
          .put("tookMs", s.took().toMillis()).set("value", Json.toTree(s.value()));
      case Outcome.Failed<?> f -> {
        n.put("status", "failed").put("agent", f.agent())
            .put("tookMs", f.took().toMillis()).put("error", f.error().getClass().getSimpleName()
                + ": " + f.error().getMessage());
        if (f.error() instanceof AgentException e) {
          n.set("failure", AgentExceptions.toJson(e));
        }
      }
      case Outcome.TimedOut<?> t -> n.put("status", "timedOut").put("agent", t.agent())
          .put("afterMs", t.after() == null ? 0 : t.after().toMillis());
    }
    return n;
  }

  /** Events read back from {@link #write}. */
  public static List<RunEvent> read(String json) {
    List<RunEvent> out = new ArrayList<>();
    for (JsonNode n : Json.tree(json)) {
      out.add(event(n));
    }
    return out;
  }

  private static RunEvent event(JsonNode n) {
    String type = n.path("type").asText();
    for (Class<?> c : RunEvent.class.getPermittedSubclasses()) {
      if (!c.getSimpleName().equals(type)) {
        continue;
      }
      RecordComponent[] components = c.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      Object[] args = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        args[i] = fromJson(n.path(components[i].getName()), components[i]);
      }
      try {
        Constructor<?> ctor = c.getDeclaredConstructor(types);
        return (RunEvent) ctor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot read event " + n + ": " + e, e);
      }
    }
    throw new IllegalArgumentException("unknown event type \"" + type + "\"");
  }

  private static Object fromJson(JsonNode v, RecordComponent c) {
    Class<?> t = c.getType();
    if (v == null || v.isNull() || v.isMissingNode()) {
      return t == boolean.class ? false : t == long.class ? 0L : t == int.class ? 0 : null;
    }
    if (t == Instant.class) {
      return Instant.ofEpochMilli(v.asLong());
    }
    if (t == Duration.class) {
      return Duration.ofMillis(v.asLong());
    }
    if (t == RunStatus.class) {
      return RunStatus.valueOf(v.asText());
    }
    if (t == Outcome.class) {
      String agent = v.path("agent").asText();
      return switch (v.path("status").asText()) {
        case "success" -> new Outcome.Success<Object>(agent, Json.convert(v.path("value"),
            Object.class), Duration.ofMillis(v.path("tookMs").asLong()));
        case "failed" -> new Outcome.Failed<Object>(agent, failed(v, agent),
            Duration.ofMillis(v.path("tookMs").asLong()));
        default -> new Outcome.TimedOut<Object>(agent, Duration.ofMillis(v.path("afterMs").asLong()));
      };
    }
    if (t == PendingApproval.class) {
      return Json.convert(v, PendingApproval.class);
    }
    return Json.convert(v, c.getGenericType());
  }
}
