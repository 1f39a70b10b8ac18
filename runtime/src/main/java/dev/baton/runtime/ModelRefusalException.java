package dev.baton.runtime;

/**
 * The model refused to answer, saying so in the Chat Completions {@code refusal} field instead of
 * producing the requested output (OpenAI's structured outputs do this for requests its policies
 * decline). Carries the refusal text; the message shows it too.
 */
public class ModelRefusalException extends ModelBehaviorException {
  private static final long serialVersionUID = 1L;

  private final String refusal;

  /**
   * Creates the exception.
   *
   * @param runId the run's id
   * @param path the agent path
   * @param refusal the model's refusal text
   * @param message what happened
   */
  public ModelRefusalException(String runId, String path, String refusal, String message) {
    super(runId, path, message, null);
    this.refusal = refusal;
  }

  /** The model's refusal, as it wrote it. */
  public String refusal() {
    return refusal;
  }
}
