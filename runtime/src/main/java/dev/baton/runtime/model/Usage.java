package dev.baton.runtime.model;

/**
 * Tokens used by one model call.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 */
public record Usage(long inputTokens, long outputTokens) {
  /** No usage reported. */
  public static final Usage NONE = new Usage(0, 0);

  /** Input plus output tokens. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /**
   * The sum of two usages.
   *
   * @param other another usage
   * @return the sum
   */
  public Usage plus(Usage other) {
    return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }
}
