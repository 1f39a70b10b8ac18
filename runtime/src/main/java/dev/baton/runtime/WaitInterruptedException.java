package dev.baton.runtime;

/**
 * The thread waiting for a run ({@link Run#await()}, {@link Run#events()}) was interrupted. Says
 * nothing about the run, which goes on; the waiting thread's interrupt flag is set again when this
 * is thrown, as {@code java.util.concurrent} code expects of a wait that cannot throw {@link
 * InterruptedException} itself. Blocking runner calls differ: their thread is the run's caller, so
 * interrupting it cancels the run, and they throw {@link RunCancelledException}.
 */
public class WaitInterruptedException extends AgentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param runId the run waited for
   * @param cause the interruption
   */
  public WaitInterruptedException(String runId, InterruptedException cause) {
    super(runId, "", "the wait for run " + runId + " was interrupted; the run goes on", cause);
  }
}
