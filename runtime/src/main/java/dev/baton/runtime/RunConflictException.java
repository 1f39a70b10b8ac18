package dev.baton.runtime;

/**
 * A run cannot start or continue because another holder owns it: a new run's id is already in the
 * {@link JournalStore}, the run is being executed or resumed by someone else (another thread or
 * another process sharing the store), or the run has already finished. The message says which,
 * and {@link #reason()} gives it as a value.
 *
 * <p>Thrown by {@link JournalStore#create(String)} and {@link JournalStore#claim(String)}, and by
 * {@code resume} when it cannot take the run. Nothing of the run has executed when it is thrown.
 */
public class RunConflictException extends AgentException {
  private static final long serialVersionUID = 1L;

  /** Why the run cannot be taken. */
  public enum Reason {
    /** A store already holds a run under this id. */
    ID_IN_USE,
    /** Another thread or process is executing or resuming the run right now. */
    ALREADY_RUNNING,
    /** The run has finished; its journal ends with an end record. */
    FINISHED
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param runId the run's id
   * @param reason why the run cannot be taken
   * @param message what happened and what to do
   */
  public RunConflictException(String runId, Reason reason, String message) {
    super(runId, "", message, null);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** Why the run cannot be taken. */
  public Reason reason() {
    return reason;
  }
}
