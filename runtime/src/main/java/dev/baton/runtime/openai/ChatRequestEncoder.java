package dev.baton.runtime.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelSettings;
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
   * @param settings the settings to send, already layered over the client's defaults
   * @param dialect how this server names fields, and which provider fields it takes back
   * @throws IllegalArgumentException if a tool or output schema is not a JSON object; the message
   *     names the schema
   */
  static byte[] encode(ModelRequest request, String defaultModel, boolean stream,
      ModelSettings settings, WireDialect dialect) {
    ObjectNode body = WireJson.MAPPER.createObjectNode();
    body.put("model", request.model().isEmpty() ? defaultModel : request.model());
    ArrayNode messages = body.putArray("messages");
    for (Message message : request.messages()) {
      messages.add(message(message, dialect));
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        tools.add(tool(tool));
      }
      // Only with tools: OpenAI rejects both fields in a request without tools, and some
      // reasoning models reject parallel_tool_calls altogether, so it is sent only when set.
      if (settings.toolChoice() != null) {
        body.set("tool_choice", toolChoice(settings.toolChoice()));
      }
      if (settings.parallelToolCalls() != null) {
        body.put("parallel_tool_calls", settings.parallelToolCalls());
      }
    }
    writeSettings(body, settings, dialect);
    if (request.output() != null) {
      body.set("response_format", responseFormat(request.output()));
    }
    if (stream) {
      body.put("stream", true);
      // Without this, streamed answers carry no token counts.
      body.putObject("stream_options").put("include_usage", true);
    }
    // Provider knobs come last, so they can replace any field above.
    settings.extraBody().forEach((name, value) -> body.set(name, WireJson.MAPPER.valueToTree(value)));
    try {
      return WireJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes.
      throw new IllegalStateException(e);
    }
  }

  private static void writeSettings(ObjectNode body, ModelSettings settings, WireDialect dialect) {
    if (settings.temperature() != null) {
      body.put("temperature", settings.temperature());
    }
    if (settings.topP() != null) {
      body.put("top_p", settings.topP());
    }
    if (settings.maxTokens() != null) {
      body.put(dialect.tokenLimitField(), settings.maxTokens());
    }
    if (!settings.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      settings.stop().forEach(stop::add);
    }
    if (settings.seed() != null) {
      body.put("seed", settings.seed());
    }
    if (settings.reasoningEffort() != null) {
      body.put("reasoning_effort", settings.reasoningEffort());
    }
  }

  /** {@code auto}, {@code none} and {@code required} as strings; anything else names a function. */
  private static JsonNode toolChoice(String choice) {
    return switch (choice) {
      case "auto", "none", "required" -> WireJson.MAPPER.getNodeFactory().textNode(choice);
      default -> {
        ObjectNode node = WireJson.MAPPER.createObjectNode().put("type", "function");
        node.putObject("function").put("name", choice);
        yield node;
      }
    };
  }

  private static ObjectNode message(Message message, WireDialect dialect) {
    ObjectNode node = WireJson.MAPPER.createObjectNode();
    node.put("role", message.role());
    switch (message) {
      case SystemMessage system -> node.put("content", system.text());
      case UserMessage user -> node.put("content", user.text());
      case AssistantMessage assistant -> {
        // Provider fields first, so that the standard fields below always win.
        ObjectNode extra = providerFields(assistant.providerFields());
        if (extra != null) {
          extra.fieldNames().forEachRemaining(name -> {
            if (!dialect.omittedMessageFields().contains(name)) {
              node.set(name, extra.get(name));
            }
          });
          node.put("role", message.role());
        }
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
            ObjectNode callExtra = providerFields(call.providerFields());
            if (callExtra != null) {
              wire.setAll(callExtra);
            }
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

  /** Provider fields as an object, or null for none or for text that is not a JSON object. */
  private static ObjectNode providerFields(String json) {
    if (json.isEmpty()) {
      return null;
    }
    try {
      return WireJson.MAPPER.readTree(json) instanceof ObjectNode object ? object : null;
    } catch (JsonProcessingException e) {
      return null;
    }
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
