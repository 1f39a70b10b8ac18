package dev.baton.runtime;

/**
 * An agent invocation made {@code maxTurns} model calls without a final answer, or the run made
 * {@code RunOptions.maxModelCalls} model calls in all.
 */
public class MaxTurnsExceededException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final int limit;

  /**
   * Creates the exception.
   *
   * @param runId the run's id
   * @param path the agent path
   * @param limit the limit that was reached
   * @param message which limit and how to raise it
   */
  public MaxTurnsExceededException(String runId, String path, int limit, String message) {
    super(runId, path, message, null);
    this.limit = limit;
  }

  /** The limit that was reached. */
  public int limit() {
    return limit;
  }
}
