package dev.baton.mcp;

/**
 * A call to an MCP tool that did not produce a result: the tool reported an error ({@code isError}
 * in its result), the server answered with a JSON-RPC error, the call timed out, or the server
 * cannot be reached. The runtime turns it into an error result the model sees; the run goes on.
 * Messages name the toolset and tool, never request headers.
 */
public final class McpToolException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, for the model and the events
   * @param cause the underlying failure, or {@code null}
   */
  public McpToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
