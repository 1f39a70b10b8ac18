package dev.baton.temporal;

import dev.baton.runtime.Run;

/**
 * A run executing as a Temporal workflow: a {@link Run} whose {@link #id()} is the workflow id,
 * plus the decisions on its pending approvals. The workflow waits for them instead of ending; so
 * {@link #status()} is {@code INTERRUPTED} while approvals are pending and {@code RUNNING} again
 * once every pending call has a decision. Thread-safe; every method talks to the Temporal service.
 *
 * @param <R> the result type
 */
public interface TemporalRun<R> extends Run<R> {
  /** The workflow id (the same as {@link #id()}). */
  String workflowId();

  /**
   * Approves a pending tool call (a signal to the workflow).
   *
   * @param callId the call's id, from {@link #approvals()}
   */
  void approve(String callId);

  /**
   * Rejects a pending tool call (a signal to the workflow); the model sees the reason.
   *
   * @param callId the call's id, from {@link #approvals()}
   * @param reason why, shown to the model
   */
  void reject(String callId, String reason);
}
