package dev.baton.runtime.model;

import java.util.List;

/**
 * What a model answered.
 *
 * @param text the text (for structured output, the JSON); empty if it only called tools
 * @param toolCalls the calls it asks for; empty for a final answer
 * @param usage the tokens used
 * @param finishReason why it stopped, as the server says ({@code stop}, {@code tool_calls},
 *     {@code length}, ...); empty if unknown
 */
public record ModelResponse(String text, List<ToolCall> toolCalls, Usage usage, String finishReason) {
  /** Copies the components. */
  public ModelResponse {
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = usage == null ? Usage.NONE : usage;
    finishReason = finishReason == null ? "" : finishReason;
  }

  /**
   * A final text answer.
   *
   * @param text the answer
   * @return the response
   */
  public static ModelResponse text(String text) {
    return new ModelResponse(text, List.of(), Usage.NONE, "stop");
  }

  /**
   * A response that only calls tools.
   *
   * @param calls the calls
   * @return the response
   */
  public static ModelResponse toolCalls(List<ToolCall> calls) {
    return new ModelResponse("", calls, Usage.NONE, "tool_calls");
  }

  /** Whether the model asked for tool calls (so the agent is not done). */
  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }
}
