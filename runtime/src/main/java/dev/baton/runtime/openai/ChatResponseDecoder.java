package dev.baton.runtime.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.Usage;
import java.util.ArrayList;
import java.util.List;

/** Reads a complete (not streamed) Chat Completions response. */
final class ChatResponseDecoder {
  private ChatResponseDecoder() {}

  /**
   * The response in a {@code chat.completion} body. Every string the answer carries (text,
   * refusal, tool-call ids, names, arguments and provider fields, the response's id and model) is
   * scrubbed of secrets; tool-call ids are made distinct.
   *
   * @param body the body text
   * @param json reads server JSON within the configured limits
   * @param scrubber removes secrets from the answer and from quoted text
   * @param ids tells the answer's tool-call ids apart
   * @throws UnreadableResponseException if the body is not JSON, carries an error, or has no
   *     choice
   */
  static ModelResponse decode(String body, WireJson json, SecretScrubber scrubber, CallIds ids)
      throws UnreadableResponseException {
    JsonNode root = json.readObject(body, "response body", scrubber);
    JsonNode error = root.get("error");
    if (error != null && !error.isNull()) {
      throw ErrorObject.of(error, "response", scrubber);
    }
    JsonNode choices = root.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw new UnreadableResponseException(
          "response has no choices: " + WireJson.quote(body, scrubber));
    }
    JsonNode choice = choices.get(0);
    JsonNode message = choice.get("message");
    if (message == null || !message.isObject()) {
      throw new UnreadableResponseException(
          "response's first choice has no message: " + WireJson.quote(body, scrubber));
    }
    List<ToolCall> calls = new ArrayList<>();
    JsonNode wireCalls = message.get("tool_calls");
    if (wireCalls != null && wireCalls.isArray()) {
      for (JsonNode wire : wireCalls) {
        JsonNode function = wire.get("function");
        String name = ToolCallWire.text(function, "name");
        if (name.isEmpty()) {
          throw new UnreadableResponseException(
              "response has a tool call without a function name: "
                  + WireJson.quote(wire.toString(), scrubber));
        }
        String arguments = ToolCallWire.arguments(
            ToolCallWire.rawArguments(function == null ? null : function.get("arguments")));
        calls.add(new ToolCall(scrubber.scrub(ToolCallWire.text(wire, "id")),
            scrubber.scrub(name), scrubber.scrub(arguments),
            scrubber.scrub(ToolCallWire.callProviderFields(wire))));
      }
    }
    return new ModelResponse(
        scrubber.scrub(content(message.get("content"))),
        ids.distinct(calls),
        usage(root.get("usage")),
        ToolCallWire.text(choice, "finish_reason"),
        scrubber.scrub(content(message.get("refusal"))),
        scrubber.scrub(ToolCallWire.messageProviderFields(message)),
        scrubber.scrub(ToolCallWire.text(root, "id")),
        scrubber.scrub(ToolCallWire.text(root, "model")));
  }

  /**
   * The text of a message's {@code content}: a string, null, or (on some servers) an array of
   * parts whose {@code text} fields are joined.
   */
  static String content(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        text.append(part.isTextual() ? part.asText() : ToolCallWire.text(part, "text"));
      }
      return text.toString();
    }
    return content.toString();
  }

  /**
   * Token counts, from {@code prompt_tokens}/{@code completion_tokens} or the newer {@code
   * input_tokens}/{@code output_tokens}, with cached and reasoning tokens from their {@code
   * *_details} objects; {@link Usage#NONE} when absent.
   */
  static Usage usage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return Usage.NONE;
    }
    return new Usage(
        count(usage, "prompt_tokens", "input_tokens"),
        count(usage, "completion_tokens", "output_tokens"),
        count(details(usage, "prompt_tokens_details", "input_tokens_details"), "cached_tokens",
            "cached_tokens"),
        count(details(usage, "completion_tokens_details", "output_tokens_details"),
            "reasoning_tokens", "reasoning_tokens"));
  }

  private static JsonNode details(JsonNode usage, String name, String alternative) {
    JsonNode value = usage.get(name);
    return value != null && value.isObject() ? value : usage.path(alternative);
  }

  private static long count(JsonNode usage, String name, String alternative) {
    JsonNode value = usage.has(name) ? usage.get(name) : usage.get(alternative);
    return value != null && value.canConvertToLong() ? value.asLong() : 0;
  }
}
