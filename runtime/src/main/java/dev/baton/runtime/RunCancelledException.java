package dev.baton.runtime;

/**
 * The run was cancelled with {@code Run.cancel()} or its thread was interrupted; inside a run, also
 * what an agent interrupted by its fan-out's timeout or a failing sibling ends with.
 */
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

  /**
   * Creates the exception for work stopped for another reason than cancelling the run, e.g. a
   * fan-out branch interrupted at its timeout.
   *
   * @param runId the run's id
   * @param path the agent path that was stopped
   * @param reason why it was stopped
   */
  public RunCancelledException(String runId, String path, String reason) {
    super(runId, path, reason, null);
  }
}
