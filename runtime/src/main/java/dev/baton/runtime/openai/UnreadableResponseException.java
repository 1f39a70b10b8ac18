package dev.baton.runtime.openai;

/**
 * A response, or a piece of a stream, that cannot be used as a Chat Completions answer: unreadable,
 * or an error object the server sent in place of one. Its message says what was wrong and is
 * already scrubbed of secrets; it never carries the parser's exception, whose message may quote
 * the body.
 */
final class UnreadableResponseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final boolean transientError;

  /** An unreadable response: not retried, since the same server will send the same again. */
  UnreadableResponseException(String message) {
    this(message, 0, false);
  }

  /**
   * An error the server reported inside a response.
   *
   * @param message what the server said, scrubbed
   * @param status the HTTP-like status the error object carried, or 0
   * @param transientError whether the error's code says another attempt may succeed
   */
  UnreadableResponseException(String message, int status, boolean transientError) {
    super(message, null, false, false);
    this.status = status;
    this.transientError = transientError;
  }

  /** The HTTP-like status the server's error object carried, or 0. */
  int status() {
    return status;
  }

  /** Whether another attempt may succeed. */
  boolean transientError() {
    return transientError;
  }
}
