package dev.baton.runtime.internal.exec;

import java.time.Instant;

/**
 * The clock of a {@link VirtualThreadExecution}: the system clock in production, a {@link
 * ManualTime} in tests, so that timeouts are decided by the test, not by the scheduler.
 */
public interface TimeSource {
  /** The system clock: {@link System#nanoTime()} and {@link Instant#now()}. */
  TimeSource SYSTEM = new TimeSource() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public void onAdvance(Runnable wake) {
      // the system clock moves by itself; waits use timed waits
    }

    @Override
    public String toString() {
      return "TimeSource.SYSTEM";
    }
  };

  /** Monotonic nanoseconds; only differences are meaningful. */
  long nanoTime();

  /** Wall-clock time. */
  Instant now();

  /**
   * Registers {@code wake}, called after every jump of a clock that does not move by itself, so
   * that waits re-check their deadlines.
   *
   * @param wake called on the thread that moves the clock; must not block
   */
  void onAdvance(Runnable wake);
}
