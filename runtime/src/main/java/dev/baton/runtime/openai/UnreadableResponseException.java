package dev.baton.runtime.openai;

/**
 * A response, or a piece of a stream, that cannot be read as Chat Completions. Its message says
 * what was wrong and is already scrubbed of secrets; it never carries the parser's exception,
 * whose message may quote the body.
 */
final class UnreadableResponseException extends Exception {
  private static final long serialVersionUID = 1L;

  UnreadableResponseException(String message) {
    super(message, null, false, false);
  }
}
