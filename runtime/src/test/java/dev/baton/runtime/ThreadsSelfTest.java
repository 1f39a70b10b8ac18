package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The thread observer must see virtual threads, or every "no thread left" assertion is vacuous. */
class ThreadsSelfTest {
  @Test
  void seesALiveVirtualThreadAndNotAFinishedOne() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread t = Thread.ofVirtual().name("baton-selftest-1").start(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertTrue(Threads.live("selftest").contains("baton-selftest-1"), Threads.all().toString());
    release.countDown();
    t.join();
    assertFalse(Threads.live("selftest").contains("baton-selftest-1"));
  }

  @Test
  void awaitNoneWaitsForAThreadToEndAndReportsOneThatDoesNot() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread.ofVirtual().name("baton-selftest-2").start(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    // Still blocked when the (short) bound passes: reported, not waited for forever.
    assertEquals(java.util.Set.of("baton-selftest-2"),
        Threads.awaitNone("selftest-2", java.time.Duration.ofMillis(20)));
    release.countDown();
    // Released and not joined: the wait itself sees it end.
    assertEquals(java.util.Set.of(), Threads.awaitNone("selftest-2", java.time.Duration.ofSeconds(10)));
    // An interrupt ends the wait at once, before the next sample.
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class,
        () -> Threads.awaitNone("selftest-2", java.time.Duration.ofSeconds(10)));
    assertFalse(Thread.currentThread().isInterrupted());
  }
}
