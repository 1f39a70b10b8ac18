package dev.baton.runtime;

/**
 * An agent was called with an argument it does not accept, e.g. {@code null} for a parameter that
 * is not an {@code Optional}. Thrown before the agent's first model call; when the caller is a
 * model (a handoff or delegate tool call), the model sees it as the tool's error result.
 */
public class AgentArgumentException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final String agent;
  private final String parameter;

  /**
   * Creates the exception.
   *
   * @param runId the run
   * @param path the path of the invocation that was refused
   * @param agent the agent's name
   * @param parameter the parameter's name
   * @param message what is wrong with the argument and what to do
   */
  public AgentArgumentException(String runId, String path, String agent, String parameter,
      String message) {
    super(runId, path, message, null);
    this.agent = agent;
    this.parameter = parameter;
  }

  /** The agent whose argument was refused. */
  public String agent() {
    return agent;
  }

  /** The parameter whose argument was refused. */
  public String parameter() {
    return parameter;
  }
}
