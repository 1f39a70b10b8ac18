package dev.baton.runtime.model;

import java.util.List;

/**
 * What a model answered.
 *
 * @param text the text (for structured output, the JSON); empty if it only called tools
 * @param toolCalls the calls it asks for; empty for a final answer
 * @param usage the tokens used; {@link Usage#NONE} if the server reported none
 * @param finishReason why it stopped, as the server says ({@code stop}, {@code tool_calls},
 *     {@code length}, ...); empty if unknown
 * @param id the server's id of the response (Chat Completions {@code id}, e.g. {@code
 *     chatcmpl-123}); empty if it sent none
 * @param model the model that answered, as the server names it (Chat Completions {@code model});
 *     empty if it sent none
 */
public record ModelResponse(String text, List<ToolCall> toolCalls, Usage usage, String finishReason,
    String id, String model) {
  /** Copies the components; null strings become empty, a null usage {@link Usage#NONE}. */
  public ModelResponse {
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = usage == null ? Usage.NONE : usage;
    finishReason = finishReason == null ? "" : finishReason;
    id = id == null ? "" : id;
    model = model == null ? "" : model;
  }

  /**
   * A response without the server's id and model name.
   *
   * @param text the text
   * @param toolCalls the tool calls
   * @param usage the tokens used
   * @param finishReason why it stopped
   */
  public ModelResponse(String text, List<ToolCall> toolCalls, Usage usage, String finishReason) {
    this(text, toolCalls, usage, finishReason, "", "");
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
