package dev.baton.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code error.type} from the runtime's error texts: the cause, not the order events came in. */
class ErrorTypeTest {
  @Test
  void workCutOffByItsBranchTimeoutIsATimeoutEvenBeforeTheBranchOutcomeIsSeen() {
    assertEquals("timeout", RunTracer.errorType("abandoned: its fan-out branch timed out after PT2S"));
    assertEquals("timeout", RunTracer.errorType("RunCancelledException: run run-1 at desk>inspect/seals"
        + " stopped: its fan-out branch timed out after PT2S"));
  }

  @Test
  void otherAbandonedOrCancelledWorkIsCancelled() {
    assertEquals("cancelled", RunTracer.errorType("abandoned: the run was cancelled"));
    assertEquals("cancelled", RunTracer.errorType("abandoned: a sibling branch failed fast: boom"));
    assertEquals("cancelled", RunTracer.errorType(
        "abandoned: its branch timed out or a sibling failed fast"));
    assertEquals("cancelled", RunTracer.errorType("RunCancelledException: run run-1 cancelled"));
  }

  @Test
  void otherErrorsAreTheExceptionSimpleName() {
    assertEquals("ModelCallException", RunTracer.errorType("ModelCallException: 503 after 3 attempts"));
    assertEquals("_OTHER", RunTracer.errorType(""));
  }
}
