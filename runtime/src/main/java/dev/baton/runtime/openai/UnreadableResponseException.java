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
  private final boolean tooLarge;

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
    this(message, status, transientError, false);
  }

  private UnreadableResponseException(
      String message, int status, boolean transientError, boolean tooLarge) {
    super(message, null, false, false);
    this.status = status;
    this.transientError = transientError;
    this.tooLarge = tooLarge;
  }

  /**
   * The answer, or one value or event of it, exceeded the client's {@code maxAnswerChars}.
   *
   * @param message which limit and what exceeded it, free of server text
   */
  static UnreadableResponseException tooLarge(String message) {
    return new UnreadableResponseException(message, 0, false, true);
  }

  /** Whether the answer exceeded the client's {@code maxAnswerChars}. */
  boolean tooLarge() {
    return tooLarge;
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
