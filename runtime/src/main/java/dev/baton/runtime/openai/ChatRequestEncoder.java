package dev.baton.runtime.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.OutputSchema;
import dev.baton.runtime.model.SystemMessage;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolDefinition;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.UserMessage;

/** Writes a {@link ModelRequest} as a Chat Completions request body. */
final class ChatRequestEncoder {
  private ChatRequestEncoder() {}

  /**
   * The request body.
   *
   * @param request what to ask
   * @param defaultModel the model name used when the request names none
   * @param stream whether to ask for server-sent events
   * @throws IllegalArgumentException if a tool or output schema is not a JSON object; the message
   *     names the schema
   */
  static byte[] encode(ModelRequest request, String defaultModel, boolean stream) {
    ObjectNode body = WireJson.MAPPER.createObjectNode();
    body.put("model", request.model().isEmpty() ? defaultModel : request.model());
    ArrayNode messages = body.putArray("messages");
    for (Message message : request.messages()) {
      messages.add(message(message));
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        tools.add(tool(tool));
      }
      // Baton runs every call of a turn concurrently, so it wants them all in one turn.
      body.put("parallel_tool_calls", true);
    }
    if (request.output() != null) {
      body.set("response_format", responseFormat(request.output()));
    }
    if (stream) {
      body.put("stream", true);
      // Without this, streamed answers carry no token counts.
      body.putObject("stream_options").put("include_usage", true);
    }
    try {
      return WireJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes.
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode message(Message message) {
    ObjectNode node = WireJson.MAPPER.createObjectNode();
    node.put("role", message.role());
    switch (message) {
      case SystemMessage system -> node.put("content", system.text());
      case UserMessage user -> node.put("content", user.text());
      case AssistantMessage assistant -> {
        if (assistant.toolCalls().isEmpty()) {
          node.put("content", assistant.text());
        } else {
          // OpenAI expects null, not "", beside tool calls; some servers reject "" there.
          if (assistant.text().isEmpty()) {
            node.putNull("content");
          } else {
            node.put("content", assistant.text());
          }
          ArrayNode calls = node.putArray("tool_calls");
          for (ToolCall call : assistant.toolCalls()) {
            ObjectNode wire = calls.addObject();
            wire.put("id", call.id());
            wire.put("type", "function");
            ObjectNode function = wire.putObject("function");
            function.put("name", call.name());
            function.put("arguments", call.arguments());
          }
        }
      }
      case ToolMessage tool -> {
        node.put("tool_call_id", tool.callId());
        node.put("content", tool.content());
      }
    }
    return node;
  }

  private static ObjectNode tool(ToolDefinition tool) {
    ObjectNode node = WireJson.MAPPER.createObjectNode();
    node.put("type", "function");
    ObjectNode function = node.putObject("function");
    function.put("name", tool.name());
    if (!tool.description().isEmpty()) {
      function.put("description", tool.description());
    }
    function.set("parameters", schema(tool.parametersSchema(), "tool " + tool.name()));
    function.put("strict", true);
    return node;
  }

  private static ObjectNode responseFormat(OutputSchema output) {
    ObjectNode node = WireJson.MAPPER.createObjectNode();
    node.put("type", "json_schema");
    ObjectNode jsonSchema = node.putObject("json_schema");
    jsonSchema.put("name", output.name());
    jsonSchema.set("schema", schema(output.schema(), "output schema " + output.name()));
    jsonSchema.put("strict", true);
    return node;
  }

  private static JsonNode schema(String text, String owner) {
    try {
      JsonNode schema = WireJson.MAPPER.readTree(text);
      if (schema != null && schema.isObject()) {
        return schema;
      }
    } catch (JsonProcessingException e) {
      // Reported below without Jackson's details, which quote the text.
    }
    throw new IllegalArgumentException(owner + " has a JSON Schema that is not a JSON object");
  }
}
