package dev.baton.runtime.internal;

/** Re-enters a resumed run at its entry agent. */
@FunctionalInterface
public interface EntryPoint {
  /**
   * Calls an agent.
   *
   * @param agent the agent's name
   * @param arguments its arguments in parameter order
   * @return its output
   * @throws Exception if the agent fails
   */
  Object call(String agent, Object[] arguments) throws Exception;
}
