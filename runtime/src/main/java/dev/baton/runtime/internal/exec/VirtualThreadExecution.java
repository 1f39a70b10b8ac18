package dev.baton.runtime.internal.exec;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The default {@link Execution}: one virtual thread per task; waits park their thread ({@link
 * LockSupport}) and {@link #signal()} evaluates each waiting condition on the signalling thread and
 * unparks only the waits whose condition now holds, so a run whose tasks signal often (every task
 * end, every branch end) does not wake every waiter each time; clock jumps wake every wait; ids
 * from {@link ThreadLocalRandom} after 48 bits of Unix milliseconds (the layout of RFC 9562's
 * UUIDv7).
 *
 * <p>A wait on a platform thread first polls its condition for up to 10 µs of real time with
 * {@link Thread#onSpinWait()}, then registers and parks as above: waking a parked platform thread
 * costs about as long as a short fan-out takes. In a run that is the caller of a blocking call: its
 * wait for the run's end, and, when the call has no deadline and the entry runs on the caller's
 * thread, every wait of that entry (its fan-outs, its tool calls). The poll reads the interrupt
 * before each evaluation and ends at an interrupt (the wait then throws {@link
 * InterruptedException} without evaluating the condition again, as a parked wait does) or when
 * {@link #nanoTime()} reaches the deadline (the wait then returns false unless the condition holds
 * at its last check). So a condition may be evaluated many times without a {@link #signal()}.
 * Waits on virtual threads, and every wait on a single CPU, park at once, as in the JDK's {@code
 * LinkedTransferQueue} (JDK 25 source), which spins before it parks, though a fixed 128 times and
 * only for its first waiter. Platform waits also park at once while as many platform threads as
 * there are CPUs are in blocking calls of runners ({@link #callerEntered()}): then the CPUs have
 * their work and polling would only take a CPU from it (50 platform callers running fan-outs at
 * once were 20 to 30 % slower with polling than without).
 *
 * <p>A task's thread reports anything that escapes its body, {@link Error}s included, to the
 * {@code dev.baton.runtime} {@link System.Logger} with the task's name before it dies.
 */
public final class VirtualThreadExecution implements Execution {
  private static final System.Logger LOG = System.getLogger("dev.baton.runtime");
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  // How long a platform thread polls a wait's condition before it parks. Waking a parked platform
  // thread is a futex wake that takes about 10 µs here (docs/benchmarks.md, "fanout3: wake-ups,
  // not CPU": the forking thread resumed 9 to 12 µs after the last branch ended), as long
  // as a fan-out of three branches on an instant model takes; polling for that long first spares
  // those waits the wake-up and costs a wait that parks anyway at most this much CPU. Virtual
  // threads park at once: parking one is cheap, and polling would hold its carrier. No polling on
  // a single CPU, where nothing else can run to satisfy the condition meanwhile.
  private static final int CPUS = Runtime.getRuntime().availableProcessors();
  private static final long SPIN_NANOS = CPUS > 1 ? 10_000L : 0L;
  // Platform threads inside a blocking call of a runner now, across the JVM (callerEntered/Left).
  private static final AtomicInteger CALLERS = new AtomicInteger();

  private final TimeSource time;
  // The waits in progress. Registered before their condition is read, and signal() reads the
  // conditions after the state they depend on changed (both sides volatile): no wake-up is lost.
  private final CopyOnWriteArrayList<Waiter> waiters = new CopyOnWriteArrayList<>();

  private record Waiter(BooleanSupplier condition, Thread thread) {}

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
    time.onAdvance(this::wakeAll);
  }

  // The task is its thread's body itself, so a parked task's stack holds one frame for it.
  private final class VirtualTask implements Task, Runnable {
    private final String name;
    private final Runnable body;
    private volatile Thread thread;
    private volatile boolean cancelled;
    private volatile boolean done;

    VirtualTask(String name, Runnable body) {
      this.name = name;
      this.body = body;
    }

    @Override
    public void run() {
      if (cancelled) {
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
        done = true;
        if (body instanceof CompletingBody c) {
          c.afterDone();
        }
        signal();
      }
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
    VirtualTask task = new VirtualTask(name, body);
    Thread t = Thread.ofVirtual().name(name).unstarted(task);
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
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    if (condition.getAsBoolean()) {
      return true;
    }
    if (SPIN_NANOS == 0 || Thread.currentThread().isVirtual()) {
      return park(condition, deadlineNanos);
    }
    // Poll only while fewer platform threads are in blocking calls than there are CPUs: with
    // more, the CPUs have their work to do, a wake-up costs no idle time, and polling would take
    // a CPU from it.
    if (CALLERS.get() < CPUS && poll(condition, deadlineNanos)) {
      return true;
    }
    // An interrupt that ended the poll wins, as it does for a parked wait: no re-check.
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    return park(condition, deadlineNanos);
  }

  /**
   * Counts the calling platform thread as one in a blocking call of a runner until {@link
   * #callerLeft()}: waits on platform threads poll only while fewer such threads than CPUs are in
   * calls. Call it once per thread, not again for a call nested in one already counted, and pair
   * each call with one {@link #callerLeft()} in a {@code finally}. Internal API.
   */
  public static void callerEntered() {
    CALLERS.incrementAndGet();
  }

  /** Ends what {@link #callerEntered()} began. Internal API. */
  public static void callerLeft() {
    CALLERS.decrementAndGet();
  }

  /**
   * How many platform threads are in blocking calls of runners now ({@link #callerEntered()} less
   * {@link #callerLeft()}), across the JVM; a snapshot that may change at once. Internal API.
   *
   * @return the count, never negative while every entry is paired with one leave
   */
  public static int callers() {
    return CALLERS.get();
  }

  // Registers the wait, then parks until the condition holds, the deadline passes or an interrupt.
  private boolean park(BooleanSupplier condition, long deadlineNanos) throws InterruptedException {
    Waiter w = new Waiter(condition, Thread.currentThread());
    waiters.add(w);
    try {
      while (!condition.getAsBoolean()) {
        if (deadlineNanos == Long.MAX_VALUE) {
          LockSupport.park(this);
        } else {
          long left = deadlineNanos - time.nanoTime();
          if (left <= 0) {
            return false;
          }
          // With a manual clock this real-time bound only adds a spurious re-check; its jumps wake.
          LockSupport.parkNanos(this, left);
        }
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return true;
    } finally {
      waiters.remove(w);
    }
  }

  // Evaluates the condition in a loop for up to SPIN_NANOS of real time; returns false early at
  // an interrupt or the deadline, which the caller then handles as a parked wait would. The
  // interrupt is read before each evaluation, as a parked wait reads it before its re-check, so
  // an interrupt that comes with the condition turning true still ends the wait with it.
  private boolean poll(BooleanSupplier condition, long deadlineNanos) {
    Thread self = Thread.currentThread();
    long until = System.nanoTime() + SPIN_NANOS;
    while (true) {
      Thread.onSpinWait();
      if (self.isInterrupted()) {
        return false;
      }
      if (condition.getAsBoolean()) {
        return true;
      }
      // Differences, not comparisons: nanoTime values may wrap (System.nanoTime).
      if (System.nanoTime() - until >= 0
          || (deadlineNanos != Long.MAX_VALUE && deadlineNanos - time.nanoTime() <= 0)) {
        return false;
      }
    }
  }

  /** Unparks each wait whose condition now holds (or cannot be evaluated here); never blocks. */
  @Override
  public void signal() {
    for (Waiter w : waiters) {
      boolean ready;
      try {
        ready = w.condition().getAsBoolean();
      } catch (RuntimeException e) {
        ready = true; // the waiter evaluates it again and sees the failure itself
      }
      if (ready) {
        LockSupport.unpark(w.thread());
      }
    }
  }

  // A clock jump may pass any wait's deadline: every wait re-checks.
  private void wakeAll() {
    for (Waiter w : waiters) {
      LockSupport.unpark(w.thread());
    }
  }

  @Override
  public String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long high = (System.currentTimeMillis() << 16) | (r.nextLong() & 0xFFFFL);
    long low = r.nextLong();
    byte[] hex = new byte[32];
    for (int i = 15; i >= 0; i--) {
      hex[i] = HEX[(int) (high & 0xF)];
      hex[16 + i] = HEX[(int) (low & 0xF)];
      high >>>= 4;
      low >>>= 4;
    }
    return new String(hex, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return "VirtualThreadExecution[" + time + "]";
  }
}
