package dev.baton.runtime.model;

/**
 * Tokens used by one model call, or summed over several, as the server reported them.
 *
 * <p>Field meanings follow the Chat Completions {@code usage} object: {@code prompt_tokens},
 * {@code completion_tokens}, {@code prompt_tokens_details.cached_tokens} and {@code
 * completion_tokens_details.reasoning_tokens}. Cached input tokens are part of the input tokens and
 * reasoning tokens part of the output tokens, as servers count them; a server that does not report
 * a figure leaves it 0.
 *
 * @param inputTokens prompt tokens, cached ones included
 * @param outputTokens completion tokens, reasoning ones included
 * @param cachedInputTokens prompt tokens the server read from its prompt cache; 0 if not reported
 * @param reasoningTokens completion tokens spent on reasoning; 0 if not reported
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long reasoningTokens) {
  /** No usage reported. */
  public static final Usage NONE = new Usage(0, 0, 0, 0);

  /**
   * Input and output tokens only, for servers that report no details.
   *
   * @param inputTokens prompt tokens
   * @param outputTokens completion tokens
   */
  public Usage(long inputTokens, long outputTokens) {
    this(inputTokens, outputTokens, 0, 0);
  }

  /** Input plus output tokens. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Whether every count is 0: the server reported nothing, or nothing was used. */
  public boolean isEmpty() {
    return inputTokens == 0 && outputTokens == 0 && cachedInputTokens == 0 && reasoningTokens == 0;
  }

  /**
   * The sum of two usages.
   *
   * @param other another usage
   * @return the sum
   */
  public Usage plus(Usage other) {
    return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
        cachedInputTokens + other.cachedInputTokens, reasoningTokens + other.reasoningTokens);
  }
}
