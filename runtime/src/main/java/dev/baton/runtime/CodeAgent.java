package dev.baton.runtime;

/**
 * The body of a code agent of a graph built at run time. Calls it makes through the {@link
 * Orchestrator} run as children of the code agent, in its branch. Must be deterministic given its
 * arguments and the results of its calls, because a resumed run replays it.
 */
@FunctionalInterface
public interface CodeAgent {
  /**
   * Runs the agent.
   *
   * @param orchestrator the orchestrator, to call sibling agents
   * @param arguments the agent's arguments, in parameter order
   * @return the agent's output
   * @throws Exception any failure; it fails the invocation
   */
  Object run(Orchestrator orchestrator, Object[] arguments) throws Exception;
}
