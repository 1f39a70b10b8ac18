package dev.baton.runtime;

import java.util.List;

/**
 * Thrown by blocking calls whose run stopped at tool calls that need approval. Approve or reject
 * them on {@link #state()} and resume the run with the runner.
 */
public class ApprovalRequiredException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final transient RunState state;

  /**
   * Creates the exception.
   *
   * @param state the run's state, with its pending approvals
   */
  public ApprovalRequiredException(RunState state) {
    super(state.runId(), state.approvals().isEmpty() ? "" : state.approvals().get(0).path(),
        "run " + state.runId() + " waits for approval of " + state.approvals().stream()
            .map(a -> a.tool() + " (call " + a.callId() + ")").toList()
            + "; approve or reject on state() and resume", null);
    this.state = state;
  }

  /** The run's state, to approve, serialize and resume. */
  public RunState state() {
    return state;
  }

  /** The tool calls waiting. */
  public List<PendingApproval> approvals() {
    return state.approvals();
  }
}
