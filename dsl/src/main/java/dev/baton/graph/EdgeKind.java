package dev.baton.graph;

/** How one agent reaches another. */
public enum EdgeKind {
  /** One-way handoff: the target takes over and its output is the source's output. */
  HANDOFF(false, "handoff"),
  /** Back-handoff: the target's output answers the source's handoff call. */
  HANDOFF_BACK(true, "handoff back"),
  /** Delegate: the target is a tool of the source, on a fresh conversation. */
  DELEGATE(true, "delegate"),
  /** Fan-out branch. */
  BRANCH(true, "branch"),
  /** A code agent's call to a sibling agent. */
  CALL(true, "calls");

  private final boolean returns;
  private final String label;

  EdgeKind(boolean returns, String label) {
    this.returns = returns;
    this.label = label;
  }

  /** Whether control comes back to the source: such edges must not form cycles. */
  public boolean returnsToSource() {
    return returns;
  }

  /** A short label for diagrams and messages. */
  public String label() {
    return label;
  }
}
