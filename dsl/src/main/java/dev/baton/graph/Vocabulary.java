package dev.baton.graph;

/**
 * The words a {@link Problem} is rendered in: those of the annotations the processor reads, or
 * those of the fluent {@link AgentGraph.Builder} calls that made the graph. The rule and its code
 * are the same in both.
 */
public enum Vocabulary {
  /** {@code @Handoff target "biling" is not an @Agent of Support}: for compile-time diagnostics. */
  ANNOTATIONS,
  /** {@code handoff("frontDesk", "biling") names no agent of graph Support}: for the builder. */
  BUILDER
}
