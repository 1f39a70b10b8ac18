package dev.baton.runtime;

/**
 * A model's answer grew beyond {@link RunOptions#maxAnswerChars()}: the model call is abandoned
 * and the invocation fails, so an answer that never ends cannot exhaust the heap.
 */
public class AnswerTooLargeException extends ModelBehaviorException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  /**
   * Creates the exception.
   *
   * @param runId the run
   * @param path the invocation whose model answered
   * @param limit the limit in characters
   */
  public AnswerTooLargeException(String runId, String path, long limit) {
    super(runId, path, "the model's answer exceeded RunOptions.maxAnswerChars (" + limit
        + " characters), so the call was abandoned; raise the limit if such answers are expected",
        null);
    this.limit = limit;
  }

  /** The limit in characters. */
  public long limit() {
    return limit;
  }
}
