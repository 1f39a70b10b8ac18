package dev.baton.runtime.openai;

import java.time.Duration;

/** Waits between attempts; replaced in tests to observe waits without spending them. */
@FunctionalInterface
interface Sleeper {
  /** The real one: {@link Thread#sleep(Duration)}, which an interrupt ends at once. */
  Sleeper SYSTEM = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
