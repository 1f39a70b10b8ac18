package dev.baton.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.runtime.RunUsage;
import dev.baton.runtime.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class UsageTallyTest {
  @Test
  void pathsKeepTheOrderOfTheirFirstCall() {
    UsageTally tally = new UsageTally();
    assertEquals(RunUsage.NONE, tally.snapshot());
    tally.add("/a", new Usage(1, 2, 0, 0));
    assertEquals(List.of("/a"), List.copyOf(tally.snapshot().byPath().keySet()));
    tally.add("/c", new Usage(1, 0, 0, 0));
    tally.add("/b", new Usage(1, 0, 0, 0));
    tally.add("/a", new Usage(3, 4, 0, 0));
    RunUsage u = tally.snapshot();
    assertEquals(List.of("/a", "/c", "/b"), List.copyOf(u.byPath().keySet()));
    assertEquals(new Usage(4, 6, 0, 0), u.path("/a"));
    assertEquals(new Usage(6, 6, 0, 0), u.total());
    assertEquals(4, u.modelCalls());
  }

  @Test
  void callsCountedFromManyThreadsAtOnceAreAllCounted() throws Exception {
    UsageTally tally = new UsageTally();
    int threads = 100;
    int each = 300;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String path = "/b[" + t + "]";
      all.add(Thread.ofVirtual().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        for (int i = 0; i < each; i++) {
          tally.add(path, new Usage(1, 2, 0, 0));
          if (i % 50 == 0) {
            tally.snapshot(); // readers in between lose nothing
          }
        }
      }));
    }
    go.countDown();
    for (Thread t : all) {
      t.join();
    }
    RunUsage u = tally.snapshot();
    assertEquals(threads * each, u.modelCalls());
    assertEquals(new Usage(threads * each, 2L * threads * each, 0, 0), u.total());
    assertEquals(threads, u.byPath().size());
    for (int t = 0; t < threads; t++) {
      assertEquals(new Usage(each, 2L * each, 0, 0), u.path("/b[" + t + "]"));
    }
  }
}
