package dev.baton.runtime.model;

/**
 * Receives a model's answer as it streams. Called on the thread making the model call.
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
}
