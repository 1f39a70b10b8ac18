package dev.baton.runtime.session;

import dev.baton.runtime.AgentException;

/**
 * Another writer changed a session between the moment a call read it and the moment the call
 * wanted to store its exchange, e.g. two calls on one session at once, in one process or two. The
 * second writer fails with this exception and stores nothing, so items are never lost or
 * interleaved; the first writer's exchange stands. Retry the call to run it on the new history.
 */
public class SessionConflictException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final String sessionId;
  private final long expectedVersion;
  private final long actualVersion;

  /**
   * Creates the exception.
   *
   * @param runId the run whose exchange was refused; empty outside runs
   * @param sessionId the session
   * @param expectedVersion the version the writer read
   * @param actualVersion the version the store holds
   */
  public SessionConflictException(String runId, String sessionId, long expectedVersion,
      long actualVersion) {
    super(runId, "", "session \"" + sessionId + "\" changed while "
        + (runId == null || runId.isEmpty() ? "it was being rewritten" : "run " + runId + " used it")
        + " (read at version " + expectedVersion + ", now at version " + actualVersion + "),"
        + " probably by a concurrent call on the same session; nothing was stored, retry the call"
        + " to run it on the new history", null);
    this.sessionId = sessionId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** The session's id. */
  public String sessionId() {
    return sessionId;
  }

  /** The version the writer read. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version the store held when the write was refused. */
  public long actualVersion() {
    return actualVersion;
  }
}
