package dev.baton.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.RunEvent;
import dev.baton.runtime.WaitInterruptedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class EventLogTest {
  // A clock that jumps back and forth, as readings taken on different threads can.
  private static final Supplier<Instant> JUMPY =
      () -> Instant.ofEpochSecond(1_000, ThreadLocalRandom.current().nextInt(1_000_000));

  private static RunEvent started(long sequence, Instant at, String agent) {
    return new RunEvent.AgentStarted("run-1", "p", sequence, at, agent, "llm");
  }

  private static void assertInOrder(List<RunEvent> events) {
    for (int i = 1; i < events.size(); i++) {
      RunEvent before = events.get(i - 1);
      RunEvent e = events.get(i);
      assertTrue(e.sequence() > before.sequence(), e + " after " + before);
      assertFalse(e.at().isBefore(before.at()), e + " after " + before);
    }
  }

  private static Thread reader(EventLog log, List<RunEvent> into, CountDownLatch started) {
    return Thread.ofVirtual().start(() -> {
      Iterator<RunEvent> it = log.stream().iterator();
      started.countDown();
      it.forEachRemaining(into::add);
    });
  }

  @Test
  void writersEmittingAtOnceGiveEveryReaderEveryEventOnceInOrder() throws Exception {
    EventLog log = new EventLog(JUMPY, Long.MAX_VALUE);
    int writers = 200;
    int each = 200;
    List<RunEvent> early = new ArrayList<>();
    List<RunEvent> late = new ArrayList<>();
    CountDownLatch readersReady = new CountDownLatch(1);
    Thread first = reader(log, early, readersReady);
    readersReady.await();
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch halfway = new CountDownLatch(writers);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      String agent = "a" + w;
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        for (int i = 0; i < each; i++) {
          assertTrue(log.append((s, at) -> started(s, at, agent)) != null);
          if (i == each / 2) {
            halfway.countDown();
          }
        }
      }));
    }
    go.countDown();
    halfway.await();
    CountDownLatch lateReady = new CountDownLatch(1);
    Thread second = reader(log, late, lateReady);
    for (Thread t : threads) {
      t.join();
    }
    log.close();
    assertNull(log.append((s, at) -> started(s, at, "after")));
    first.join();
    second.join();

    List<RunEvent> all = log.snapshot();
    assertEquals(writers * each, all.size());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i, all.get(i).sequence());
    }
    assertInOrder(all);
    assertEquals(all, early);
    assertEquals(all, late);
  }

  @Test
  void aFailingFactoryTakesNoSequenceNumberAndHoldsBackNoLaterEvent() throws Exception {
    EventLog log = new EventLog(JUMPY, Long.MAX_VALUE);
    log.append((s, at) -> started(s, at, "one"));
    assertThrows(IllegalStateException.class, () -> log.append((s, at) -> {
      throw new IllegalStateException("bad event");
    }));
    log.append((s, at) -> started(s, at, "three"));
    log.close();
    List<RunEvent> events = log.stream().toList();
    assertEquals(List.of(0L, 1L), events.stream().map(RunEvent::sequence).toList());
    assertEquals(events, log.snapshot());
  }

  @Test
  void textDeltasStayWithinTheBudgetWhileWritersStreamAtOnce() throws Exception {
    long budget = 1_000;
    EventLog log = new EventLog(JUMPY, budget);
    List<RunEvent> read = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader = reader(log, read, ready);
    ready.await();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 50; w++) {
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 400; i++) {
          log.append((s, at) -> new RunEvent.TextDelta("run-1", "p", s, at, "0123456789"));
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    log.append((s, at) -> started(s, at, "last"));
    log.close();
    reader.join();
    List<RunEvent> kept = log.snapshot();
    long text = kept.stream().filter(e -> e instanceof RunEvent.TextDelta)
        .mapToLong(e -> ((RunEvent.TextDelta) e).text().length()).sum();
    assertEquals(budget, text);
    // The newest deltas are the ones kept, and nothing but the last event follows them.
    assertEquals(50 * 400, kept.get(kept.size() - 1).sequence());
    assertEquals(50 * 400 - 100, kept.get(0).sequence());
    assertInOrder(read);
    assertInstanceOf(RunEvent.AgentStarted.class, read.get(read.size() - 1));
  }

  @Test
  void aWaitingReaderThatIsInterruptedGetsATypedErrorWithItsFlagSet() throws Exception {
    EventLog log = new EventLog(JUMPY, Long.MAX_VALUE);
    log.append((s, at) -> started(s, at, "one"));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    CountDownLatch readFirst = new CountDownLatch(1);
    Thread reader = Thread.ofVirtual().start(() -> {
      Iterator<RunEvent> it = log.stream().iterator();
      it.next();
      readFirst.countDown();
      try {
        it.hasNext();
      } catch (WaitInterruptedException e) {
        thrown.set(e);
        flag.set(Thread.currentThread().isInterrupted());
      }
    });
    readFirst.await();
    // Interrupted whether it parked already or not: either way it must not wait on.
    reader.interrupt();
    reader.join();
    assertInstanceOf(WaitInterruptedException.class, thrown.get());
    assertTrue(flag.get());
    log.close();
  }
}
