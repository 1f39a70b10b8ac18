package dev.baton.runtime;

/** The run was cancelled with {@code Run.cancel()} or its thread was interrupted. */
public class RunCancelledException extends AgentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param runId the run's id
   * @param path the path of the run's entry agent
   */
  public RunCancelledException(String runId, String path) {
    super(runId, path, "run " + runId + " was cancelled", null);
  }
}
