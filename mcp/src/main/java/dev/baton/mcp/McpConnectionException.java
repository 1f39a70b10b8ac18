package dev.baton.mcp;

/**
 * An MCP server could not be started, reached or initialized, or its tools could not be listed.
 * Thrown when a runner is built (the runtime reports it naming the toolset) and, during runs, when a
 * call finds the server gone. Messages name the server by its command or URL without query string,
 * never by request headers.
 */
public final class McpConnectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param cause the underlying failure, or {@code null}
   */
  public McpConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
