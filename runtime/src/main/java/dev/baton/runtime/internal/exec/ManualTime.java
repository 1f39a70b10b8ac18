package dev.baton.runtime.internal.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to: with it, a test decides when a fan-out's timeout or a run's
 * deadline passes, and proves an ordering instead of hoping for one. Thread-safe.
 */
public final class ManualTime implements TimeSource {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicLong nanos = new AtomicLong();
  private final List<Runnable> wakes = new CopyOnWriteArrayList<>();

  /** A clock at 0 ns, 2026-01-01T00:00:00Z. */
  public ManualTime() {}

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant now() {
    return EPOCH.plusNanos(nanos.get());
  }

  @Override
  public void onAdvance(Runnable wake) {
    wakes.add(wake);
  }

  /**
   * Moves the clock forward and wakes every wait on it.
   *
   * @param by how far; not negative
   */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + by);
    }
    nanos.addAndGet(by.toNanos());
    wakes.forEach(Runnable::run);
  }
}
