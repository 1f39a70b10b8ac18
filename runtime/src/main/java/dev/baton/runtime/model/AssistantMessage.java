package dev.baton.runtime.model;

import java.util.List;

/**
 * What the model said: text, tool calls, or both.
 *
 * @param text the text; empty if the model only called tools
 * @param toolCalls the tool calls, in the order the model made them
 * @param providerFields fields the server attached to the message beyond {@code role}, {@code
 *     content}, {@code refusal} and {@code tool_calls}, as a JSON object text kept verbatim (e.g.
 *     {@code reasoning_content}); a model client decides which of them it sends back. Empty for
 *     none.
 */
public record AssistantMessage(String text, List<ToolCall> toolCalls, String providerFields)
    implements Message {
  /** Copies the calls. */
  public AssistantMessage {
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    providerFields = providerFields == null ? "" : providerFields;
  }

  /**
   * A message without provider fields.
   *
   * @param text the text
   * @param toolCalls the tool calls
   */
  public AssistantMessage(String text, List<ToolCall> toolCalls) {
    this(text, toolCalls, "");
  }

  /**
   * A text-only message.
   *
   * @param text the text
   */
  public AssistantMessage(String text) {
    this(text, List.of());
  }

  /**
   * What a response said, as the next request's history carries it: text, tool calls and provider
   * fields.
   *
   * @param response the model's answer
   * @return the message
   */
  public static AssistantMessage of(ModelResponse response) {
    return new AssistantMessage(response.text(), response.toolCalls(), response.providerFields());
  }

  @Override
  public String role() {
    return "assistant";
  }
}
