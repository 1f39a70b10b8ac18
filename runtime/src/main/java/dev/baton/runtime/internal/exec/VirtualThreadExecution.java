package dev.baton.runtime.internal.exec;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The default {@link Execution}: one virtual thread per task, waits on one {@link ReentrantLock}
 * condition per execution (signalled by {@link #signal()} and by clock jumps), ids from {@link
 * ThreadLocalRandom} after 48 bits of Unix milliseconds (the layout of RFC 9562's UUIDv7).
 *
 * <p>A task's thread reports anything that escapes its body, {@link Error}s included, to the
 * {@code dev.baton.runtime} {@link System.Logger} with the task's name before it dies.
 */
public final class VirtualThreadExecution implements Execution {
  private static final System.Logger LOG = System.getLogger("dev.baton.runtime");

  private final TimeSource time;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** An execution on the system clock. */
  public VirtualThreadExecution() {
    this(TimeSource.SYSTEM);
  }

  /**
   * An execution on {@code time}.
   *
   * @param time the clock; a {@link ManualTime} makes timeouts move only when a test says
   */
  public VirtualThreadExecution(TimeSource time) {
    this.time = time;
    time.onAdvance(this::signal);
  }

  private final class VirtualTask implements Task {
    private final String name;
    private volatile Thread thread;
    private volatile boolean cancelled;
    private volatile boolean done;

    VirtualTask(String name) {
      this.name = name;
    }

    @Override
    public void cancel() {
      cancelled = true;
      // Interrupting a thread that has not started has no effect (Thread.interrupt), so the task
      // also interrupts itself as it starts when it finds itself cancelled.
      Thread t = thread;
      if (t != null) {
        t.interrupt();
      }
    }

    @Override
    public boolean isDone() {
      return done;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean awaitDone(long deadlineNanos) throws InterruptedException {
      if (!awaitUntil(() -> done, deadlineNanos)) {
        return false;
      }
      // The body has returned; its thread ends a few instructions later.
      Thread t = thread;
      if (deadlineNanos == Long.MAX_VALUE) {
        t.join();
        return true;
      }
      long left = deadlineNanos - time.nanoTime();
      return t.join(java.time.Duration.ofNanos(Math.max(1, left))) || !t.isAlive();
    }

    @Override
    public String toString() {
      return "Task[" + name + (done ? ", done" : cancelled ? ", cancelled" : "") + "]";
    }
  }

  @Override
  public Task start(String name, Runnable body) {
    VirtualTask task = new VirtualTask(name);
    Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
      if (task.cancelled) {
        Thread.currentThread().interrupt();
      }
      try {
        body.run();
      } catch (Throwable e) {
        LOG.log(Level.ERROR, "task " + name + " died: " + e, e);
        if (e instanceof Error error) {
          throw error;
        }
      } finally {
        task.done = true;
        signal();
      }
    });
    task.thread = t;
    t.start();
    return task;
  }

  @Override
  public long nanoTime() {
    return time.nanoTime();
  }

  @Override
  public Instant now() {
    return time.now();
  }

  @Override
  public boolean awaitUntil(BooleanSupplier condition, long deadlineNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (!condition.getAsBoolean()) {
        if (deadlineNanos == Long.MAX_VALUE) {
          changed.await();
          continue;
        }
        long left = deadlineNanos - time.nanoTime();
        if (left <= 0) {
          return false;
        }
        // With a manual clock this real-time bound only adds a spurious re-check; its jumps signal.
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long high = (System.currentTimeMillis() << 16) | (r.nextLong() & 0xFFFFL);
    return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(r.nextLong());
  }

  @Override
  public String toString() {
    return "VirtualThreadExecution[" + time + "]";
  }
}
