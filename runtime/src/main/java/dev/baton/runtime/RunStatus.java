package dev.baton.runtime;

/** Where a {@link Run} is in its life. */
public enum RunStatus {
  /** Agents are still working. */
  RUNNING,
  /** The entry agent returned a result. */
  SUCCEEDED,
  /** An agent failed and nothing caught it. */
  FAILED,
  /** The run was cancelled or its deadline passed. */
  CANCELLED,
  /** The run stopped at a tool call that needs approval; resume it with its {@link RunState}. */
  INTERRUPTED;

  /** Whether the run has ended. */
  public boolean isDone() {
    return this != RUNNING;
  }
}
