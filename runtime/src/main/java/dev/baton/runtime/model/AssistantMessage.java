package dev.baton.runtime.model;

import java.util.List;

/**
 * What the model said: text, tool calls, or both.
 *
 * @param text the text; empty if the model only called tools
 * @param toolCalls the tool calls, in the order the model made them
 */
public record AssistantMessage(String text, List<ToolCall> toolCalls) implements Message {
  /** Copies the calls. */
  public AssistantMessage {
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /**
   * A text-only message.
   *
   * @param text the text
   */
  public AssistantMessage(String text) {
    this(text, List.of());
  }

  @Override
  public String role() {
    return "assistant";
  }
}
