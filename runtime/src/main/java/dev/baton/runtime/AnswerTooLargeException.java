package dev.baton.runtime;

/**
 * A model's answer grew beyond a bound on its size: the model call is abandoned, not retried (the
 * same request would bring the same answer), and the invocation fails, so an answer that never
 * ends cannot exhaust the heap.
 *
 * <p>Two settings bound an answer, and both fail with this exception; whichever is smaller trips
 * first, and {@link #setting()} names the one that did:
 *
 * <ul>
 *   <li>{@link RunOptions#maxAnswerChars()}: the run's bound on every model, counted on the text
 *       deltas as they stream in and again on the whole answer;
 *   <li>{@code OpenAiModel.Builder.maxAnswerChars}: the HTTP client's bound on what it reads from
 *       the wire (one answer, one JSON string value, one body or stream event), checked before
 *       anything reaches the run.
 * </ul>
 *
 * <p>The size of an answer is {@link dev.baton.runtime.model.ModelResponse#answerChars()}: the
 * characters of its text, refusal, tool-call arguments and provider fields.
 */
public class AnswerTooLargeException extends ModelBehaviorException {
  private static final long serialVersionUID = 1L;

  /** The name of the run's setting, as {@link #setting()} reports it. */
  public static final String RUN_SETTING = "RunOptions.maxAnswerChars";

  private final long limit;
  private final String setting;

  /**
   * The run's own limit, {@link RunOptions#maxAnswerChars()}, was exceeded.
   *
   * @param runId the run
   * @param path the invocation whose model answered
   * @param limit the limit in characters
   */
  public AnswerTooLargeException(String runId, String path, long limit) {
    this(runId, path, limit, RUN_SETTING, "");
  }

  /**
   * A named limit was exceeded.
   *
   * @param runId the run
   * @param path the invocation whose model answered
   * @param limit the limit in characters
   * @param setting the setting that holds the limit, e.g. {@code OpenAiModel.Builder.maxAnswerChars}
   * @param detail what exceeded it, free of secrets (e.g. "a stream event is larger than ..."), or
   *     empty
   */
  public AnswerTooLargeException(
      String runId, String path, long limit, String setting, String detail) {
    super(runId, path, "the model's answer exceeded " + setting + " (" + limit + " characters)"
        + (detail == null || detail.isEmpty() ? "" : ": " + detail)
        + "; the call was abandoned and not retried; raise the limit if such answers are expected",
        null);
    this.limit = limit;
    this.setting = setting;
  }

  /** The limit in characters. */
  public long limit() {
    return limit;
  }

  /**
   * The setting that holds the limit that was exceeded: {@value #RUN_SETTING} or {@code
   * OpenAiModel.Builder.maxAnswerChars}.
   */
  public String setting() {
    return setting;
  }
}
