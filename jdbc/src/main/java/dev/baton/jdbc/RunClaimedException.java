package dev.baton.jdbc;

import dev.baton.runtime.AgentException;

/**
 * A run cannot be claimed: another process holds its claim (and is alive, or its lease has not
 * run out), the run has finished, or a run with that id exists already. Nothing was changed.
 */
public class RunClaimedException extends AgentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param runId the run
   * @param message why the claim was refused
   */
  public RunClaimedException(String runId, String message) {
    super(runId, "", message, null);
  }
}
