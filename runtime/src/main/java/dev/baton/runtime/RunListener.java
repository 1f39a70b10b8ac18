package dev.baton.runtime;

import java.util.Objects;

/**
 * Receives every event of a run, in order, on a thread of the run's own (never on the thread of
 * an agent, so a slow listener does not slow the agents). The run ends only after its listener has
 * seen {@link RunEvent.RunFinished} or {@link RunEvent.RunFailed}. Exceptions thrown by the
 * listener are ignored.
 *
 * <p>A listener set in {@link RunOptions} serves every run started with those options. One that
 * needs per-run state, or something only the starting thread has (such as a tracing context),
 * overrides {@link #forRun(String)}, as OkHttp's {@code EventListener.Factory} does per call.
 */
@FunctionalInterface
public interface RunListener {
  /** A listener that ignores everything. */
  RunListener NONE = event -> { };

  /**
   * Called once per event.
   *
   * @param event the event
   */
  void onEvent(RunEvent event);

  /**
   * The listener for one run, asked for on the thread that starts the run ({@code runner.start},
   * a blocking agent call, {@code resume}) before the run has any event or thread. Must be quick
   * and must not throw. The default returns this listener.
   *
   * @param runId the new run's id
   * @return the listener that receives that run's events
   */
  default RunListener forRun(String runId) {
    return this;
  }

  /**
   * A listener that gives each event to this listener, then to {@code next}; each gets its own
   * {@link #forRun(String)}.
   *
   * @param next the second listener
   * @return the pair
   */
  default RunListener andThen(RunListener next) {
    Objects.requireNonNull(next, "next");
    RunListener first = this;
    return new RunListener() {
      @Override
      public void onEvent(RunEvent event) {
        try {
          first.onEvent(event);
        } finally {
          next.onEvent(event);
        }
      }

      @Override
      public RunListener forRun(String runId) {
        RunListener a = first.forRun(runId);
        RunListener b = next.forRun(runId);
        return a == first && b == next ? this : a.andThen(b);
      }
    };
  }
}
