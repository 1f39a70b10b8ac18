package dev.baton.runtime;

/**
 * A model provider failed to answer: an HTTP error that is not retried (400, 401, 403, 404), or
 * retries exhausted (429, 5xx, connection failures, broken streams), or a response that cannot be
 * read. Carries the last HTTP status and the number of attempts made.
 */
public class ModelCallException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int attempts;

  /**
   * Creates the exception.
   *
   * @param runId the run's id
   * @param path the agent path
   * @param status the last HTTP status, or 0 if no response arrived
   * @param attempts how many attempts were made
   * @param message what happened, including the server's error message if any
   * @param cause the underlying failure, or null
   */
  public ModelCallException(
      String runId, String path, int status, int attempts, String message, Throwable cause) {
    super(runId, path, message, cause);
    this.status = status;
    this.attempts = attempts;
  }

  /** The last HTTP status, or 0 if no response arrived. */
  public int status() {
    return status;
  }

  /** How many attempts were made before giving up. */
  public int attempts() {
    return attempts;
  }

  /** Whether a later retry could succeed (429, 408, 409, 5xx, or no response). */
  public boolean isTransient() {
    return status == 0 || status == 408 || status == 409 || status == 429 || status >= 500;
  }
}
