package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves any run thread alive after it returns: every run must have ended and
 * taken its branch, tool, listener and deadline threads with it.
 */
final class NoRunThreadsLeft implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    Set<String> left = Threads.live("run-");
    assertTrue(left.isEmpty(), () -> context.getDisplayName() + " left run threads alive: " + left);
  }
}
