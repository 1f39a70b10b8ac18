package dev.baton.runtime.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A wait on a platform thread polls its condition before it registers and parks. Each case drives
 * the poll from inside the condition (which runs on the waiting thread), so what happens "during
 * the poll" is decided by the test, not by the scheduler: the n-th evaluation of a condition is
 * the entry check for n = 1 and a poll or a parked wait's re-check after that.
 */
class PlatformPollTest {
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  // Rounds of the lost-wake-up race; longer with -Dbaton.stress.pollRounds=N.
  private static final int ROUNDS = Integer.getInteger("baton.stress.pollRounds", 3_000);

  // Bounds a wait that only a wake-up ends, so a lost one fails the test instead of hanging it.
  private static long bound() {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
  }

  /** What one wait on a fresh platform thread returned or threw, and how often it evaluated. */
  private record Outcome(Object result, int evaluations, boolean flagAfter) {}

  private interface Wait {
    boolean await(BooleanSupplier condition) throws InterruptedException;
  }

  private static Outcome onPlatformThread(Wait wait, java.util.function.IntPredicate condition)
      throws InterruptedException {
    AtomicInteger evaluations = new AtomicInteger();
    AtomicReference<Outcome> out = new AtomicReference<>();
    Thread t = Thread.ofPlatform().start(() -> {
      Object result;
      try {
        result = wait.await(() -> condition.test(evaluations.incrementAndGet()));
      } catch (Throwable e) {
        result = e;
      }
      out.set(new Outcome(result, evaluations.get(), Thread.currentThread().isInterrupted()));
    });
    t.join();
    return out.get();
  }

  @Test
  void anInterruptDuringThePollThrowsEvenIfTheConditionTurnsTrueWithIt() throws Exception {
    // As a parked wait woken by an interrupt does: the interrupt wins, the condition is not
    // re-checked. The interrupt and the state change arrive together at the poll's first look.
    for (long deadline : new long[] {NO_DEADLINE, bound()}) {
      VirtualThreadExecution ex = new VirtualThreadExecution();
      boolean[] ready = {false};
      Outcome o = onPlatformThread(c -> ex.awaitUntil(c, deadline), n -> {
        if (n == 2) {
          Thread.currentThread().interrupt();
          ready[0] = true;
          return false;
        }
        return ready[0];
      });
      assertInstanceOf(InterruptedException.class, o.result(), "deadline " + deadline);
      assertEquals(2, o.evaluations(), "the condition was re-checked after the interrupt");
    }
  }

  // The cases that count evaluations repeat: the first rounds run cold code, which can use up the
  // poll's 10 µs by itself and so hide a poll that would not stop.
  private static final int REPEATS = 200;

  @Test
  void anInterruptDuringThePollEndsItAndTheWaitThrows() throws Exception {
    VirtualThreadExecution ex = new VirtualThreadExecution();
    for (int round = 0; round < REPEATS; round++) {
      Outcome o = onPlatformThread(c -> ex.awaitUntil(c, NO_DEADLINE), n -> {
        if (n == 2) {
          Thread.currentThread().interrupt();
        }
        return false;
      });
      assertInstanceOf(InterruptedException.class, o.result());
      assertFalse(o.flagAfter(), "InterruptedException clears the flag, as a parked wait's does");
      assertTrue(o.evaluations() <= 3, "the poll went on after the interrupt: " + o.evaluations());
    }
  }

  @Test
  void aDeadlineAlreadyPassedOnAManualClockEndsThePollAtOnce() throws Exception {
    ManualTime time = new ManualTime();
    time.advance(Duration.ofSeconds(1));
    VirtualThreadExecution ex = new VirtualThreadExecution(time);
    for (int round = 0; round < REPEATS; round++) {
      Outcome o = onPlatformThread(c -> ex.awaitUntil(c, time.nanoTime()), n -> false);
      assertEquals(Boolean.FALSE, o.result());
      assertTrue(o.evaluations() <= 3, "the poll outlasted the deadline: " + o.evaluations());
    }
  }

  @Test
  void aManualDeadlinePassingDuringThePollEndsIt() throws Exception {
    ManualTime time = new ManualTime();
    VirtualThreadExecution ex = new VirtualThreadExecution(time);
    for (int round = 0; round < REPEATS; round++) {
      long deadline = time.nanoTime() + Duration.ofMillis(5).toNanos();
      Outcome o = onPlatformThread(c -> ex.awaitUntil(c, deadline), n -> {
        if (n == 3) {
          time.advance(Duration.ofMillis(5)); // reaches the deadline exactly
        }
        return false;
      });
      assertEquals(Boolean.FALSE, o.result());
      assertTrue(o.evaluations() <= 4, "the poll outlasted the deadline: " + o.evaluations());
    }
  }

  @Test
  void aSystemClockDeadlineAlreadyPassedOrPassingDuringThePollReturnsFalse() throws Exception {
    VirtualThreadExecution ex = new VirtualThreadExecution();
    long passed = System.nanoTime() - 1;
    assertEquals(Boolean.FALSE, onPlatformThread(c -> ex.awaitUntil(c, passed), n -> false).result());
    // A deadline a few nanoseconds out has passed by the poll's first check of it.
    long[] deadline = new long[1];
    Outcome o = onPlatformThread(c -> {
      deadline[0] = System.nanoTime() + 1;
      return ex.awaitUntil(c, deadline[0]);
    }, n -> false);
    assertEquals(Boolean.FALSE, o.result());
    assertTrue(System.nanoTime() - deadline[0] >= 0);
  }

  @Test
  void aSystemClockDeadlinePassingDuringThePollEndsIt() throws Exception {
    // The deadline falls 3 µs into the 10 µs poll. After it the condition is read at most three
    // times: at entry (cold code can take 3 µs to get there), by one poll evaluation, which then
    // sees the deadline, and once by the wait before it returns false.
    VirtualThreadExecution ex = new VirtualThreadExecution();
    for (int round = 0; round < REPEATS; round++) {
      long[] deadline = new long[1];
      AtomicInteger late = new AtomicInteger();
      Outcome o = onPlatformThread(c -> {
        deadline[0] = System.nanoTime() + 3_000;
        return ex.awaitUntil(c, deadline[0]);
      }, n -> {
        if (System.nanoTime() - deadline[0] >= 0) {
          late.incrementAndGet();
        }
        return false;
      });
      assertEquals(Boolean.FALSE, o.result());
      assertTrue(late.get() <= 3, "the poll outlasted the deadline: " + late.get() + " late reads");
    }
  }

  @Test
  void aConditionThrowingDuringThePollFailsTheWaitAndLeavesNoWaiterBehind() throws Exception {
    VirtualThreadExecution ex = new VirtualThreadExecution();
    IllegalStateException boom = new IllegalStateException("condition failed");
    Outcome o = onPlatformThread(c -> ex.awaitUntil(c, NO_DEADLINE), n -> {
      if (n == 2) {
        throw boom;
      }
      return false;
    });
    assertSame(boom, o.result());
    assertEquals(2, o.evaluations());
    ex.signal(); // a waiter left registered would evaluate the condition again here
    assertEquals(2, o.evaluations());
  }

  @Test
  void aConditionTurningTrueDuringThePollWithoutASignalEndsTheWait() throws Exception {
    assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "no poll on a single CPU");
    VirtualThreadExecution ex = new VirtualThreadExecution();
    // Nobody signals: only the poll evaluates the condition a fourth time. Without it the wait
    // evaluates it at entry, once registered, and once when the deadline passes: three times.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    Outcome o = onPlatformThread(c -> ex.awaitUntil(c, deadline), n -> n >= 4);
    assertEquals(Boolean.TRUE, o.result());
    assertEquals(4, o.evaluations());
  }

  @Test
  void aVirtualThreadDoesNotPoll() throws Exception {
    VirtualThreadExecution ex = new VirtualThreadExecution();
    AtomicInteger evaluations = new AtomicInteger();
    AtomicReference<Object> result = new AtomicReference<>();
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        // Only the entry check and the registered re-check before parking; the deadline ends it.
        result.set(ex.awaitUntil(() -> evaluations.incrementAndGet() < 0,
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1)));
      } catch (Throwable e) {
        result.set(e);
      }
    });
    t.join();
    assertEquals(Boolean.FALSE, result.get());
    assertTrue(evaluations.get() <= 4, "a virtual thread polled: " + evaluations.get());
  }

  @Test
  void noWakeUpIsLostWhenTheConditionTurnsTrueAroundTheEndOfThePoll() throws Exception {
    // A platform waiter and a virtual setter take turns; the setter changes the state and signals
    // after a random 0 to 25 µs of busy work, so across rounds the change lands before, during and
    // at the end of the 10 µs poll and after the waiter registered. A lost wake-up times out.
    VirtualThreadExecution ex = new VirtualThreadExecution();
    AtomicInteger state = new AtomicInteger();
    AtomicInteger seen = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread waiter = Thread.ofPlatform().start(() -> {
      try {
        for (int i = 1; i <= ROUNDS; i++) {
          int round = i;
          if (!ex.awaitUntil(() -> state.get() >= round, bound())) {
            throw new AssertionError("wake-up lost in round " + round);
          }
          seen.set(round);
          ex.signal();
        }
      } catch (Throwable e) {
        failure.set(e);
        seen.set(Integer.MAX_VALUE);
        ex.signal();
      }
    });
    Thread setter = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 1; i <= ROUNDS && failure.get() == null; i++) {
          long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(25_000);
          while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
          }
          state.set(i);
          ex.signal();
          int round = i;
          if (!ex.awaitUntil(() -> seen.get() >= round, bound())) {
            throw new AssertionError("the waiter never took round " + round);
          }
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    });
    waiter.join();
    setter.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertEquals(ROUNDS, seen.get());
  }
}
