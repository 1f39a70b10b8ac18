package dev.baton.runtime.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The order a task's end is reported in: body, done, {@code afterDone}, signal. */
class VirtualThreadExecutionTest {
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  // A bound for the waits whose condition only afterDone makes true, so a missing call fails the
  // test instead of hanging it; generous, since a passing run returns as soon as the task ends.
  private static long bound() {
    return System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
  }

  // A body whose afterDone counts down what a waiter waits for, as a fan-out counts its branches.
  private static final class Counted implements Execution.CompletingBody {
    final AtomicInteger unfinished;
    final AtomicReference<Execution.Task> self = new AtomicReference<>();
    final AtomicBoolean doneSeenInAfterDone = new AtomicBoolean();
    final CountDownLatch go = new CountDownLatch(1);
    final AtomicInteger afterDoneCalls = new AtomicInteger();

    Counted(AtomicInteger unfinished) {
      this.unfinished = unfinished;
    }

    @Override
    public void run() {
      try {
        go.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void afterDone() {
      afterDoneCalls.incrementAndGet();
      doneSeenInAfterDone.set(self.get().isDone());
      unfinished.decrementAndGet();
    }
  }

  @Test
  void aWaiterWokenByAfterDoneFindsTheTaskDoneAndIsWokenBySignal() throws Exception {
    VirtualThreadExecution ex = new VirtualThreadExecution();
    AtomicInteger unfinished = new AtomicInteger(1);
    Counted body = new Counted(unfinished);
    Execution.Task task = ex.start("completing", body);
    body.self.set(task);
    assertFalse(task.isDone());
    body.go.countDown();
    // Only afterDone changes the condition, and only the task's last signal() wakes this wait.
    assertTrue(ex.awaitUntil(() -> unfinished.get() == 0, bound()), "afterDone never ran");
    assertTrue(task.isDone(), "the task was done before the waiter could see the count change");
    assertTrue(task.awaitDone(NO_DEADLINE));
    assertTrue(body.doneSeenInAfterDone.get(), "afterDone ran before the task was done");
    assertEquals(1, body.afterDoneCalls.get());
  }

  @Test
  void afterDoneRunsForABodyThatThrowsAndForATaskCancelledBeforeItStarted() throws Exception {
    VirtualThreadExecution ex = new VirtualThreadExecution();
    AtomicInteger unfinished = new AtomicInteger(2);
    AtomicInteger calls = new AtomicInteger();
    Execution.CompletingBody throwing = new Execution.CompletingBody() {
      @Override
      public void run() {
        throw new IllegalStateException("the body failed");
      }

      @Override
      public void afterDone() {
        calls.incrementAndGet();
        unfinished.decrementAndGet();
      }
    };
    Counted cancelled = new Counted(unfinished);
    Execution.Task a = ex.start("throwing", throwing);
    Execution.Task b = ex.start("cancelled", cancelled);
    cancelled.self.set(b);
    b.cancel(); // its body sees the interrupt at go.await() and returns
    assertTrue(ex.awaitUntil(() -> unfinished.get() == 0, bound()), "afterDone never ran");
    assertTrue(a.awaitDone(NO_DEADLINE));
    assertTrue(b.awaitDone(NO_DEADLINE));
    assertEquals(1, calls.get());
    assertEquals(1, cancelled.afterDoneCalls.get());
  }

  // A platform thread polls its condition before it parks; the poll must not outlast a deadline
  // the clock has already reached, nor hide an interrupt.
  @Test
  void aPlatformWaitWhoseDeadlineHasPassedReturnsFalseAtOnce() throws Exception {
    ManualTime time = new ManualTime();
    VirtualThreadExecution ex = new VirtualThreadExecution(time);
    assertFalse(Thread.currentThread().isVirtual());
    assertFalse(ex.awaitUntil(() -> false, time.nanoTime()));
  }

  @Test
  void aPlatformWaitThatIsInterruptedWhilePollingThrows() throws Exception {
    VirtualThreadExecution ex = new VirtualThreadExecution();
    CountDownLatch polling = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiter = Thread.ofPlatform().start(() -> {
      try {
        ex.awaitUntil(() -> {
          polling.countDown();
          return false;
        }, NO_DEADLINE);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    polling.await();
    waiter.interrupt();
    waiter.join();
    assertTrue(thrown.get() instanceof InterruptedException, "thrown: " + thrown.get());
  }

  @Test
  void aPlatformWaitSeesAConditionMadeTrueWhilePollingOrParked() throws Exception {
    VirtualThreadExecution ex = new VirtualThreadExecution();
    AtomicBoolean ready = new AtomicBoolean();
    CountDownLatch evaluated = new CountDownLatch(1);
    AtomicReference<Object> result = new AtomicReference<>();
    Thread waiter = Thread.ofPlatform().start(() -> {
      try {
        result.set(ex.awaitUntil(() -> {
          evaluated.countDown();
          return ready.get();
        }, bound()));
      } catch (Throwable t) {
        result.set(t);
      }
    });
    evaluated.await(); // the condition was false once; the waiter now polls, or has parked
    ready.set(true);
    ex.signal();
    waiter.join();
    assertEquals(Boolean.TRUE, result.get());
  }

  // With as many platform threads in blocking calls as CPUs, the CPUs have work: a platform wait
  // parks at once instead of polling. Parked after exactly two reads of its condition (the first
  // check and the one before parking); a polling wait reads it many more times first.
  @Test
  void aPlatformWaitDoesNotPollWhileAsManyPlatformCallersAsCpusAreInCalls() throws Exception {
    int cpus = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < cpus; i++) {
      VirtualThreadExecution.callerEntered();
    }
    try {
      VirtualThreadExecution ex = new VirtualThreadExecution();
      AtomicBoolean ready = new AtomicBoolean();
      AtomicInteger reads = new AtomicInteger();
      AtomicReference<Object> result = new AtomicReference<>();
      Thread waiter = Thread.ofPlatform().start(() -> {
        try {
          result.set(ex.awaitUntil(() -> {
            reads.incrementAndGet();
            return ready.get();
          }, bound()));
        } catch (Throwable t) {
          result.set(t);
        }
      });
      // The waiter's state is the only sign that it parked; it parks within microseconds.
      while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.isAlive()) {
        Thread.onSpinWait();
      }
      assertEquals(2, reads.get(), "the condition was polled");
      ready.set(true);
      ex.signal();
      waiter.join();
      assertEquals(Boolean.TRUE, result.get());
    } finally {
      for (int i = 0; i < cpus; i++) {
        VirtualThreadExecution.callerLeft();
      }
    }
  }
}
