package dev.baton.runtime;

/**
 * The base of every failure of a run. Unchecked; carries the run id and the agent path where it
 * happened, so a message reads {@code frontDesk>billing: ...} and logs can be joined with events.
 * No message ever contains a secret.
 */
public class AgentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final String path;

  /**
   * Creates the exception.
   *
   * @param runId the run's id; empty if not known
   * @param path the agent path; empty if not known
   * @param message what happened and what to do
   * @param cause the underlying failure, or null
   */
  public AgentException(String runId, String path, String message, Throwable cause) {
    super(prefix(path) + message, cause);
    this.runId = runId == null ? "" : runId;
    this.path = path == null ? "" : path;
  }

  private static String prefix(String path) {
    return path == null || path.isEmpty() ? "" : path + ": ";
  }

  /** The id of the run that failed. */
  public String runId() {
    return runId;
  }

  /** The agent path where it failed, e.g. {@code frontDesk>billing}. */
  public String path() {
    return path;
  }
}
