package dev.baton.runtime;

import java.time.Duration;

/**
 * A wait for a run ({@link Run#await(Duration)}) ran out before the run ended. Says nothing about
 * the run, which goes on: its {@link Run#status()} is untouched. The counterpart of {@link
 * java.util.concurrent.TimeoutException} from {@code Future.get(long, TimeUnit)}; what happens to
 * the run when its own deadline passes is {@link RunTimeoutException}.
 */
public class WaitTimeoutException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final Duration waited;

  /**
   * Creates the exception.
   *
   * @param runId the run waited for
   * @param waited how long the caller waited
   */
  public WaitTimeoutException(String runId, Duration waited) {
    super(runId, "", "waited " + waited + " for run " + runId + ", which has not ended yet and goes"
        + " on; wait again, or cancel it with Run.cancel()", null);
    this.waited = waited;
  }

  /** How long the caller waited. */
  public Duration waited() {
    return waited;
  }
}
