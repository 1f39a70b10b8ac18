package dev.baton.runtime.openai;

import dev.baton.runtime.model.ModelResponse;
import java.time.Duration;

/** How one HTTP attempt ended: with an answer, or with a failure that may be retried. */
sealed interface AttemptOutcome {
  /**
   * The server answered.
   *
   * @param response the complete answer
   */
  record Answered(ModelResponse response) implements AttemptOutcome {}

  /**
   * The attempt failed.
   *
   * @param status the HTTP status, or 0 if no response arrived
   * @param retryable whether another attempt may succeed and is safe to make
   * @param reason what went wrong, scrubbed of secrets, e.g. {@code HTTP 503: overloaded}
   * @param retryAfter the wait the server asked for, or null
   * @param cause the underlying exception (safe to show), or null
   * @param tooLarge whether the answer exceeded the client's {@code maxAnswerChars} (never
   *     retryable)
   */
  record Failed(int status, boolean retryable, String reason, Duration retryAfter, Throwable cause,
      boolean tooLarge) implements AttemptOutcome {
    /** A failure that is not about the answer's size. */
    Failed(int status, boolean retryable, String reason, Duration retryAfter, Throwable cause) {
      this(status, retryable, reason, retryAfter, cause, false);
    }

    /** Checks the components: an answer too large is never retried. */
    public Failed {
      retryable = retryable && !tooLarge;
    }
  }
}
