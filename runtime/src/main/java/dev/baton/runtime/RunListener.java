package dev.baton.runtime;

/**
 * Receives every event of a run, in order, on a thread of the run's own (never on the thread of
 * an agent, so a slow listener does not slow the agents). The run ends only after its listener has
 * seen {@link RunEvent.RunFinished} or {@link RunEvent.RunFailed}. Exceptions thrown by the
 * listener are ignored.
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
}
