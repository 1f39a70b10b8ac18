package dev.baton.runtime;

/**
 * The model answered, but not usefully: structured output that does not parse into the agent's
 * return type even after one repair round-trip (an empty answer included: only agents returning
 * {@code String} may answer with nothing), or an answer that breaks the protocol. Subclasses: {@link
 * IncompleteAnswerException} (cut off), {@link ModelRefusalException} (refused).
 */
public class ModelBehaviorException extends AgentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param runId the run's id
   * @param path the agent path
   * @param message what the model did wrong
   * @param cause the parse failure, or null
   */
  public ModelBehaviorException(String runId, String path, String message, Throwable cause) {
    super(runId, path, message, cause);
  }
}
