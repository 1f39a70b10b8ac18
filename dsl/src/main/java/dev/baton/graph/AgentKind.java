package dev.baton.graph;

/** What runs when an agent is invoked. */
public enum AgentKind {
  /** A model is called with instructions and input until it gives a final answer. */
  LLM,
  /** Java code (a default method) runs; its calls to sibling agents go through the runner. */
  CODE,
  /** Branch agents run concurrently; the result is {@code Results<T>} of their outcomes. */
  FAN_OUT
}
