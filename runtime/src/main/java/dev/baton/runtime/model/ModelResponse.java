package dev.baton.runtime.model;

import java.util.List;

/**
 * What a model answered.
 *
 * <p>The text may be empty (a model that only called tools, or sent nothing); runs treat an empty
 * final answer as valid only for agents returning {@code String}. A non-empty {@link #refusal()},
 * or a {@link #finishReason()} of {@code length}, {@code content_filter} or {@code
 * insufficient_system_resource} ({@link #isCutOff()}), means the answer is
 * not a usable one: runs fail such a turn with a typed exception instead of using the text.
 *
 * @param text the text (for structured output, the JSON); empty if it only called tools
 * @param toolCalls the calls it asks for; empty for a final answer
 * @param usage the tokens used; {@link Usage#NONE} if the server reported none
 * @param finishReason why it stopped, as the server says ({@code stop}, {@code tool_calls},
 *     {@code length}, {@code content_filter}, ...); empty if unknown
 * @param refusal the model's refusal to answer ({@code refusal} of Chat Completions, sent
 *     instead of structured output); empty for none
 * @param providerFields other fields the server put on the message, as a JSON object text kept
 *     verbatim (e.g. {@code reasoning_content}); empty for none
 * @param id the server's id of the response (Chat Completions {@code id}, e.g. {@code
 *     chatcmpl-123}); empty if it sent none
 * @param model the model that answered, as the server names it (Chat Completions {@code model});
 *     empty if it sent none
 */
public record ModelResponse(
    String text,
    List<ToolCall> toolCalls,
    Usage usage,
    String finishReason,
    String refusal,
    String providerFields,
    String id,
    String model) {
  /** The finish reason of an answer cut off at the token limit. */
  public static final String LENGTH = "length";

  /** The finish reason of an answer stopped by the provider's content filter. */
  public static final String CONTENT_FILTER = "content_filter";

  /**
   * The finish reason of an answer the server stopped for lack of resources (DeepSeek's Chat
   * Completions API documents it beside {@code length}): the text is partial.
   */
  public static final String INSUFFICIENT_SYSTEM_RESOURCE = "insufficient_system_resource";

  /** Copies the components. */
  public ModelResponse {
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = usage == null ? Usage.NONE : usage;
    finishReason = finishReason == null ? "" : finishReason;
    refusal = refusal == null ? "" : refusal;
    providerFields = providerFields == null ? "" : providerFields;
    id = id == null ? "" : id;
    model = model == null ? "" : model;
  }

  /**
   * The size of the answer in characters, as the answer-size limits count it ({@code
   * RunOptions.maxAnswerChars}, {@code OpenAiModel.Builder.maxAnswerChars}): its text, refusal
   * and provider fields, and each tool call's arguments and provider fields. Names, ids and usage
   * are not counted.
   *
   * @return at least 0
   */
  public long answerChars() {
    long chars = (long) text.length() + refusal.length() + providerFields.length();
    for (ToolCall call : toolCalls) {
      chars += call.arguments().length() + call.providerFields().length();
    }
    return chars;
  }

  /**
   * A response without the server's id and model name.
   *
   * @param text the text
   * @param toolCalls the tool calls
   * @param usage the tokens used
   * @param finishReason why it stopped
   * @param refusal the refusal, or empty
   * @param providerFields other message fields as JSON object text, or empty
   */
  public ModelResponse(String text, List<ToolCall> toolCalls, Usage usage, String finishReason,
      String refusal, String providerFields) {
    this(text, toolCalls, usage, finishReason, refusal, providerFields, "", "");
  }

  /**
   * A response without refusal or provider fields.
   *
   * @param text the text
   * @param toolCalls the tool calls
   * @param usage the tokens used; {@link Usage#NONE} if the server reported none
   * @param finishReason why it stopped
   */
  public ModelResponse(String text, List<ToolCall> toolCalls, Usage usage, String finishReason) {
    this(text, toolCalls, usage, finishReason, "", "", "", "");
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

  /**
   * Whether the answer stopped before its end: finish reason {@code length}, {@code
   * content_filter} or {@code insufficient_system_resource}.
   */
  public boolean isCutOff() {
    return LENGTH.equals(finishReason) || CONTENT_FILTER.equals(finishReason)
        || INSUFFICIENT_SYSTEM_RESOURCE.equals(finishReason);
  }
}
