package dev.baton.runtime.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The runtime's log, through {@link System.Logger} (the JDK's facade, which routes to
 * java.util.logging by default and to SLF4J or Log4j when their {@code System.LoggerFinder} is on
 * the class path), under the name {@code dev.baton.runtime}.
 *
 * <p>What is logged, at levels a production service can leave on: retried model calls and store
 * failures ({@code WARNING}), abandoned model calls and results dropped after a timeout ({@code
 * INFO}). Lines carry run ids, agent paths and error descriptions, never an API key, a prompt or an
 * answer.
 */
final class RunLog {
  private static final Logger LOG = System.getLogger("dev.baton.runtime");

  private RunLog() {}

  static void retry(String runId, String path, int attempt, String reason) {
    if (LOG.isLoggable(Level.WARNING)) {
      LOG.log(Level.WARNING, "run {0} at {1}: model call attempt {2} after: {3}",
          runId, path, attempt, reason);
    }
  }

  static void abandoned(String runId, String path, int attempts, String why) {
    if (LOG.isLoggable(Level.INFO)) {
      LOG.log(Level.INFO, "run {0} at {1}: model call abandoned after {2} attempt(s): {3}",
          runId, path, attempts, why);
    }
  }

  static void droppedLateResult(String runId, String path, String kept) {
    if (LOG.isLoggable(Level.INFO)) {
      LOG.log(Level.INFO, "run {0} at {1}: branch ended after it was settled as {2}; its result is"
          + " dropped", runId, path, kept);
    }
  }

  static void storeFailed(String runId, String store, Throwable error) {
    LOG.log(Level.WARNING, "run {0}: journal store {1} failed; the run stops: {2}",
        runId, store, Engine.describe(error));
  }
}
