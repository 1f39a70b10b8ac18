package dev.baton.runtime.model;

/**
 * A chat model: the one thing Baton needs from an LLM provider.
 *
 * <p>Implementations block the calling thread until the answer is complete (runs call models on
 * virtual threads, so blocking is cheap), forward text to the listener as it arrives, and are
 * thread-safe: one model serves every agent and branch of a run concurrently.
 *
 * <p>Cancellation is by interrupt: when the run is cancelled, times out, or a fan-out branch is
 * abandoned, the calling thread is interrupted, and the implementation must stop at once (abandon
 * the network call) and throw {@link InterruptedException}.
 */
@FunctionalInterface
public interface Model {
  /**
   * Answers one request.
   *
   * @param request the conversation, tools and output schema
   * @param listener receives text deltas as they arrive; never null
   * @return the complete answer
   * @throws InterruptedException if the calling thread is interrupted
   * @throws dev.baton.runtime.ModelCallException if the provider fails after retries
   */
  ModelResponse respond(ModelRequest request, ModelListener listener) throws InterruptedException;
}
