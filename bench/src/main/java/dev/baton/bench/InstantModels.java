package dev.baton.bench;

import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import java.time.Duration;

/** Models that answer without a network: at once, or after an interruptible sleep. */
final class InstantModels {
  /** The one answer of the instant model, built once so that the model itself costs nothing. */
  static final ModelResponse OK = ModelResponse.text("ok");

  private InstantModels() {}

  /** Answers "ok" at once. */
  static Model instant() {
    return (request, listener) -> OK;
  }

  /** Answers "ok" after sleeping {@code latency}; an interrupt ends the sleep with an exception. */
  static Model sleeping(Duration latency) {
    return (request, listener) -> {
      Thread.sleep(latency);
      return OK;
    };
  }
}
