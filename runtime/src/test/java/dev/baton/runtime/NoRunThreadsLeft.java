package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves any run thread alive after it returns: every run must have ended and
 * taken its branch, tool, listener and deadline threads with it. It waits, bounded, for threads
 * that are on their last instructions (a run's own thread completes the result, then ends).
 */
final class NoRunThreadsLeft implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    Set<String> left;
    try {
      left = Threads.awaitNone("run-", Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(context.getDisplayName() + ": interrupted waiting for run threads", e);
    }
    assertTrue(left.isEmpty(), () -> context.getDisplayName() + " left run threads alive: " + left);
  }
}
