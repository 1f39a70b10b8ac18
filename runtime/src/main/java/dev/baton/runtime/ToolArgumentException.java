package dev.baton.runtime;

/**
 * The model's arguments for a tool are missing, malformed or mistyped. The model sees the message
 * as an error result and may call again; the run goes on.
 */
public final class ToolArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String tool;

  /**
   * Creates the exception.
   *
   * @param tool the tool name
   * @param message which argument and what is wrong with it
   */
  public ToolArgumentException(String tool, String message) {
    super(message);
    this.tool = tool;
  }

  /** The tool whose arguments are wrong. */
  public String tool() {
    return tool;
  }
}
