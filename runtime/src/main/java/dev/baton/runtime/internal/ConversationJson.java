package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.SystemMessage;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Branch-conversation messages in the journal. An invocation answered from the journal does not
 * run, yet later invocations of its branch must see the messages it added (its input and its
 * answer), exactly as in the run it replays; so its journaled output carries them.
 */
public final class ConversationJson {
  private ConversationJson() {}

  /** Writes messages as a JSON array. */
  public static ArrayNode write(List<Message> messages) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (Message m : messages) {
      ObjectNode n = out.addObject().put("role", m.role());
      switch (m) {
        case SystemMessage s -> n.put("text", s.text());
        case UserMessage u -> n.put("text", u.text());
        case AssistantMessage a -> {
          n.put("text", a.text());
          if (!a.toolCalls().isEmpty()) {
            n.set("toolCalls", Json.toTree(a.toolCalls()));
          }
          if (!a.providerFields().isEmpty()) {
            n.put("providerFields", a.providerFields());
          }
        }
        case ToolMessage t -> n.put("callId", t.callId()).put("tool", t.toolName())
            .put("content", t.content()).put("error", t.error());
      }
    }
    return out;
  }

  /**
   * Reads messages from JSON text written by {@link #write(List)}.
   *
   * @throws IllegalArgumentException if the text is not such an array
   */
  public static List<Message> read(String json) {
    JsonNode node;
    try {
      node = Json.tree(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not JSON (" + Json.shortMessage(e) + ")", e);
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("not a JSON array of messages");
    }
    for (JsonNode n : node) {
      if (!n.isObject() || !n.path("role").isTextual()) {
        throw new IllegalArgumentException("a message without a \"role\": " + abbreviate(n));
      }
    }
    return read(node);
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  static List<Message> read(JsonNode messages) {
    List<Message> out = new ArrayList<>();
    if (messages == null) {
      return out;
    }
    for (JsonNode n : messages) {
      String text = n.path("text").asText();
      out.add(switch (n.path("role").asText()) {
        case "system" -> new SystemMessage(text);
        case "user" -> new UserMessage(text);
        case "assistant" -> new AssistantMessage(text, n.has("toolCalls")
            ? Json.convert(n.get("toolCalls"), Json.mapper().getTypeFactory()
                .constructCollectionType(List.class, ToolCall.class))
            : List.of(), n.path("providerFields").asText(""));
        case "tool" -> new ToolMessage(n.path("callId").asText(), n.path("tool").asText(),
            n.path("content").asText(), n.path("error").asBoolean());
        default -> throw new IllegalArgumentException("journaled message has unknown role: " + n);
      });
    }
    return out;
  }
}
