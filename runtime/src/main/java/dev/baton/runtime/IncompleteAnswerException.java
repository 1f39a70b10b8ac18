package dev.baton.runtime;

/**
 * The model stopped before finishing its answer: it reached the token limit (finish reason {@code
 * length}), the provider's content filter stopped it ({@code content_filter}), or the server
 * stopped it for lack of resources ({@code insufficient_system_resource}, DeepSeek). The partial
 * answer is not used, and no repair round-trip is made, since a repair would build on a partial
 * answer; the message says what to change.
 */
public class IncompleteAnswerException extends ModelBehaviorException {
  private static final long serialVersionUID = 1L;

  private final String finishReason;

  /**
   * Creates the exception.
   *
   * @param runId the run's id
   * @param path the agent path
   * @param finishReason the finish reason the server sent, e.g. {@code length}
   * @param message what happened and what to change
   */
  public IncompleteAnswerException(String runId, String path, String finishReason, String message) {
    super(runId, path, message, null);
    this.finishReason = finishReason;
  }

  /**
   * The finish reason the server sent: {@code length}, {@code content_filter} or {@code
   * insufficient_system_resource}.
   */
  public String finishReason() {
    return finishReason;
  }
}
