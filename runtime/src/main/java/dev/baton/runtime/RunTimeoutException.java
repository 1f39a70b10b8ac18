package dev.baton.runtime;

import java.time.Duration;

/** The run's deadline passed; everything still running was cancelled. */
public class RunTimeoutException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final Duration deadline;

  /**
   * Creates the exception.
   *
   * @param runId the run's id
   * @param path the path of the run's entry agent
   * @param deadline the deadline that passed
   */
  public RunTimeoutException(String runId, String path, Duration deadline) {
    super(runId, path, "run " + runId + " did not finish within its deadline of " + deadline
        + "; raise RunOptions.deadline or make the agents do less", null);
    this.deadline = deadline;
  }

  /** The deadline that passed. */
  public Duration deadline() {
    return deadline;
  }
}
