package dev.baton.temporal;

import dev.baton.runtime.Run;

/**
 * A run executing as a Temporal workflow: a {@link Run} whose {@link #id()} is the workflow id,
 * plus the decisions on its pending approvals. The workflow waits for them instead of ending; so
 * {@link #status()} is {@code INTERRUPTED} while approvals are pending and {@code RUNNING} again
 * once every pending call has a decision. Thread-safe; every method talks to the Temporal service
 * and may throw {@link io.temporal.client.WorkflowServiceException} if it cannot be reached.
 *
 * <p>Queries ({@link #events()}, {@link #approvals()}, and {@link #status()} while the workflow
 * runs) are answered by a worker of the run's task queue, so they wait for one; {@link #status()}
 * and {@link #isDone()} of a closed workflow, {@link #await()}, {@link #cancel()} (a cancellation
 * request: the workflow cancels its scopes and activities and closes as cancelled) and the
 * decisions need the service only. {@link #state()} is not available: the history is the state.
 *
 * @param <R> the result type
 */
public interface TemporalRun<R> extends Run<R> {
  /** The workflow id (the same as {@link #id()}). */
  String workflowId();

  /**
   * Approves a pending tool call (a signal to the workflow).
   *
   * @param callId the call's id, from {@link #approvals()}; an id that is not pending is ignored
   * @throws io.temporal.client.WorkflowNotFoundException if the workflow has closed
   */
  void approve(String callId);

  /**
   * Rejects a pending tool call (a signal to the workflow); the model sees the reason.
   *
   * @param callId the call's id, from {@link #approvals()}
   * @param reason why, shown to the model
   * @throws io.temporal.client.WorkflowNotFoundException if the workflow has closed
   */
  void reject(String callId, String reason);
}
