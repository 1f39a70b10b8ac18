package dev.baton.runtime;

/**
 * The run is set up wrong in a way the compiler cannot see: a tool's {@code @Context} type has no
 * object in the run's options, a {@code ScriptedModel} has no step for a call. A programming error,
 * not something the model did or could repair: it fails the whole run (even inside a fan-out branch,
 * a delegate or a tool call) instead of becoming an error result the model sees. The message names
 * what is missing, where, and how to supply it.
 */
public class RunSetupException extends AgentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param runId the run's id; empty if not known
   * @param path the agent path; empty for the run as a whole
   * @param message what is missing and how to supply it
   */
  public RunSetupException(String runId, String path, String message) {
    super(runId, path, message, null);
  }
}
