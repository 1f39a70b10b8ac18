package dev.baton.runtime.openai;

import dev.baton.runtime.model.ModelListener;

/**
 * Passes text deltas on with secrets removed, even a secret split across deltas: text that could
 * be the start of a secret is held back until the next delta shows it is not (or {@link #flush()}
 * at the end of the answer). What the listener hears, joined, equals the scrubbed answer. Used by
 * one thread.
 */
final class DeltaScrubber {
  private final ModelListener listener;
  private final SecretScrubber scrubber;
  private final StringBuilder pending = new StringBuilder();
  private boolean delivered;

  DeltaScrubber(ModelListener listener, SecretScrubber scrubber) {
    this.listener = listener;
    this.scrubber = scrubber;
  }

  /** Takes a delta; passes on whatever of the text so far is safe. */
  void onTextDelta(String delta) {
    if (scrubber.isEmpty()) {
      deliver(delta);
      return;
    }
    pending.append(delta);
    int cut = scrubber.safeCut(pending);
    if (cut > 0) {
      String safe = pending.substring(0, cut);
      pending.delete(0, cut);
      deliver(scrubber.scrub(safe));
    }
  }

  /** Passes on the rest, at the end of the answer. */
  void flush() {
    if (pending.length() > 0) {
      String rest = pending.toString();
      pending.setLength(0);
      deliver(scrubber.scrub(rest));
    }
  }

  /** Whether any text has reached the listener. */
  boolean delivered() {
    return delivered;
  }

  private void deliver(String text) {
    if (!text.isEmpty()) {
      delivered = true;
      listener.onTextDelta(text);
    }
  }
}
