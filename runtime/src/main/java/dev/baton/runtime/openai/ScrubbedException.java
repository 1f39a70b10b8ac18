package dev.baton.runtime.openai;

/**
 * Stands in for an exception whose message contains the API key (a server can put anything into
 * a status line or a stream, and I/O exceptions quote it). Keeps the original's class name, its
 * scrubbed message and its stack trace, so the cause chain still tells what happened.
 */
final class ScrubbedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Deep enough for any real cause chain; guards against cycles. */
  private static final int MAX_DEPTH = 16;

  private ScrubbedException(String message, Throwable cause) {
    super(message, cause, false, true);
  }

  /**
   * The throwable itself if nothing in its cause chain mentions the secret, else a scrubbed copy
   * of the chain (without suppressed exceptions).
   */
  static Throwable safe(Throwable throwable, SecretScrubber scrubber) {
    if (throwable == null || !mentionsSecret(throwable, scrubber, 0)) {
      return throwable;
    }
    return copy(throwable, scrubber, 0);
  }

  private static boolean mentionsSecret(Throwable throwable, SecretScrubber scrubber, int depth) {
    if (throwable == null || depth > MAX_DEPTH) {
      return false;
    }
    String message = throwable.getMessage();
    if (message != null && !message.equals(scrubber.scrub(message))) {
      return true;
    }
    for (Throwable suppressed : throwable.getSuppressed()) {
      if (mentionsSecret(suppressed, scrubber, depth + 1)) {
        return true;
      }
    }
    return mentionsSecret(throwable.getCause(), scrubber, depth + 1);
  }

  private static Throwable copy(Throwable throwable, SecretScrubber scrubber, int depth) {
    if (throwable == null || depth > MAX_DEPTH) {
      return null;
    }
    String message = throwable.getMessage();
    ScrubbedException copy = new ScrubbedException(
        throwable.getClass().getName() + (message == null ? "" : ": " + scrubber.scrub(message)),
        copy(throwable.getCause(), scrubber, depth + 1));
    copy.setStackTrace(throwable.getStackTrace());
    return copy;
  }
}
