package dev.baton.runtime.model;

/**
 * Receives a model's answer as it streams, and learns of retried attempts. Called on the thread
 * making the model call.
 */
@FunctionalInterface
public interface ModelListener {
  /** A listener that ignores everything. */
  ModelListener NONE = delta -> { };

  /**
   * A piece of the answer's text has arrived.
   *
   * @param delta the new text
   */
  void onTextDelta(String delta);

  /**
   * Another attempt of the same call is about to be sent because the previous one failed with a
   * transient error (HTTP 429 or 5xx, a lost connection, a timed-out attempt). Called after the
   * wait between attempts, right before sending. Models without retries never call it; the
   * default does nothing.
   *
   * @param attempt the attempt about to be sent: 2 for the first retry
   * @param reason why the previous attempt failed, e.g. {@code HTTP 429: rate limited}; free of
   *     secrets
   */
  default void onRetry(int attempt, String reason) {}
}
