package dev.baton;

/**
 * What an LLM agent sees of the conversation of the branch it runs in.
 *
 * @see Agent#history()
 */
public enum History {
  /**
   * The agent sees the branch conversation so far (earlier inputs, outputs and tool results),
   * then its own input. This is the default: a specialist that takes over after a handoff knows
   * what the customer already said.
   */
  CONVERSATION,
  /** The agent sees only its instructions and its own input, as if it were called fresh. */
  NONE
}
