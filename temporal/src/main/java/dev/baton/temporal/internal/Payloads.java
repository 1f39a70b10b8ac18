package dev.baton.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.internal.Json;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.OutputSchema;
import dev.baton.runtime.model.SystemMessage;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolDefinition;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON text for activity inputs and results. Messages are a sealed type, so they are written with
 * their role and read back by it; everything else is a plain record.
 */
public final class Payloads {
  private Payloads() {}

  /** A model request as JSON. */
  public static String request(ModelRequest r) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("runId", r.runId()).put("path", r.path()).put("agent", r.agent()).put("model", r.model());
    ArrayNode messages = n.putArray("messages");
    for (Message m : r.messages()) {
      ObjectNode o = messages.addObject().put("role", m.role());
      switch (m) {
        case SystemMessage s -> o.put("text", s.text());
        case UserMessage u -> o.put("text", u.text());
        case AssistantMessage a -> {
          o.put("text", a.text());
          o.set("toolCalls", Json.toTree(a.toolCalls()));
        }
        case ToolMessage t -> o.put("callId", t.callId()).put("tool", t.toolName())
            .put("content", t.content()).put("error", t.error());
      }
    }
    n.set("tools", Json.toTree(r.tools()));
    if (r.output() != null) {
      n.set("output", Json.toTree(r.output()));
    }
    return n.toString();
  }

  /** A model request read back. */
  public static ModelRequest request(String json) {
    JsonNode n = Json.tree(json);
    List<Message> messages = new ArrayList<>();
    for (JsonNode m : n.path("messages")) {
      String text = m.path("text").asText();
      messages.add(switch (m.path("role").asText()) {
        case "system" -> new SystemMessage(text);
        case "user" -> new UserMessage(text);
        case "assistant" -> new AssistantMessage(text, toolCalls(m.path("toolCalls")));
        case "tool" -> new ToolMessage(m.path("callId").asText(), m.path("tool").asText(),
            m.path("content").asText(), m.path("error").asBoolean());
        default -> throw new IllegalArgumentException("message with unknown role: " + m.path("role"));
      });
    }
    List<ToolDefinition> tools = new ArrayList<>();
    for (JsonNode t : n.path("tools")) {
      tools.add(Json.convert(t, ToolDefinition.class));
    }
    OutputSchema output = n.hasNonNull("output") ? Json.convert(n.get("output"), OutputSchema.class)
        : null;
    return new ModelRequest(n.path("runId").asText(), n.path("path").asText(),
        n.path("agent").asText(), n.path("model").asText(), messages, tools, output);
  }

  private static List<ToolCall> toolCalls(JsonNode array) {
    List<ToolCall> out = new ArrayList<>();
    for (JsonNode c : array) {
      out.add(new ToolCall(c.path("id").asText(), c.path("name").asText(),
          c.path("arguments").asText()));
    }
    return out;
  }

  /** A model response as JSON. */
  public static String response(ModelResponse r) {
    return Json.write(r);
  }

  /** A model response read back. */
  public static ModelResponse response(String json) {
    return Json.convert(Json.tree(json), ModelResponse.class);
  }

  /** A toolset's tools as a JSON array. */
  public static String tools(List<ToolSpec> tools) {
    ArrayNode a = Json.mapper().createArrayNode();
    for (ToolSpec t : tools) {
      ObjectNode o = a.addObject().put("name", t.name()).put("description", t.description())
          .put("parametersSchema", t.parametersSchema()).put("approval", t.approval())
          .put("owner", t.owner());
      t.contextTypes().forEach(o.putArray("contextTypes")::add);
    }
    return a.toString();
  }

  /** A toolset's tools read back. */
  public static List<ToolSpec> tools(String json) {
    List<ToolSpec> out = new ArrayList<>();
    for (JsonNode t : Json.tree(json)) {
      List<String> contextTypes = new ArrayList<>();
      t.path("contextTypes").forEach(c -> contextTypes.add(c.asText()));
      out.add(new ToolSpec(t.path("name").asText(), t.path("description").asText(),
          t.path("parametersSchema").asText(), t.path("approval").asBoolean(),
          t.path("owner").asText(), contextTypes));
    }
    return List.copyOf(out);
  }
}
