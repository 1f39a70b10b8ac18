package dev.baton.runtime.internal;

/**
 * Unwinds an invocation that reached a tool call needing approval. An {@link Error} so that code
 * agents catching {@code Exception} for fallbacks do not swallow it; carries no stack trace.
 */
final class Pause extends Error {
  private static final long serialVersionUID = 1L;

  Pause() {
    super("waiting for approval", null, false, false);
  }
}
