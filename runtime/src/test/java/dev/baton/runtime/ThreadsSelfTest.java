package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
