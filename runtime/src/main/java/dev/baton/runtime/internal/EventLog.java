package dev.baton.runtime.internal;

import dev.baton.runtime.RunEvent;
import dev.baton.runtime.WaitInterruptedException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The events of one run, in sequence order: readers start from the first retained event at any
 * time and never slow the writers. Every event but {@link RunEvent.TextDelta} is kept for the run's
 * life; text deltas are kept while their text totals at most a budget, the oldest dropped first
 * (see {@code RunOptions.maxRetainedTextChars}), so an answer that streams forever cannot grow the
 * heap through the log. Readers that reach a dropped delta skip it.
 *
 * <p>A writer never waits, so that thousands of branches emitting at once never park (a parked
 * virtual thread copies its stack to the heap). It takes its sequence number and timestamp by
 * linking a node after the last one with one compare-and-set, then moves every linked event into
 * the retained list if the lock is free at that moment; otherwise the lock's holder does, after it
 * unlocks. Readers take the lock, and park outside it until a writer wakes them.
 */
final class EventLog {
  /**
   * Creates an event given its sequence number and timestamp. It must do nothing else: a writer
   * that another one linked an event before calls it again with the next number.
   */
  @FunctionalInterface
  interface Factory {
    RunEvent create(long sequence, Instant at);
  }

  // An appended event on its way into the retained list, linked in sequence order. The first
  // node of a log holds no event; END, linked by close(), is the last: nothing links after it.
  private static final class Node {
    // Set before the compare-and-set that links the node as the tail, which publishes it.
    RunEvent event;
    volatile Node next;
  }

  private static final Node END = new Node();

  // A text delta's place in the log, which it may lose to the text budget. Every other event is
  // kept for good and stored as it is, without a slot.
  private static final class Slot {
    final RunEvent.TextDelta event;
    boolean dropped;

    Slot(RunEvent.TextDelta event) {
      this.event = event;
    }
  }

  private static RunEvent event(Object entry) {
    return entry instanceof Slot s ? s.event : (RunEvent) entry;
  }

  private static boolean dropped(Object entry) {
    return entry instanceof Slot s && s.dropped;
  }

  private final Supplier<Instant> clock;
  private final long maxRetainedText;
  // The last linked node: writers take their sequence number and timestamp from it.
  private final AtomicReference<Node> tail;
  // Readers parked for more; woken after each move into the retained list.
  private final ConcurrentLinkedQueue<Thread> waiting = new ConcurrentLinkedQueue<>();

  private final ReentrantLock lock = new ReentrantLock();
  // The last node moved into the retained list (written under the lock).
  private volatile Node moved;
  // The sequence number of the last event moved into the retained list (written under the lock).
  private volatile long movedThrough = -1;
  private volatile boolean closed;
  private volatile String runId = "";
  // Under the lock: RunEvents, and Slots for text deltas.
  private final ArrayList<Object> slots = new ArrayList<>();
  // Made at the first text delta: most runs stream none.
  private ArrayDeque<Slot> deltas;
  private long retainedText;
  private int droppedSlots;

  EventLog(Supplier<Instant> clock, long maxRetainedText) {
    this.clock = clock;
    this.maxRetainedText = maxRetainedText;
    Node first = new Node();
    this.tail = new AtomicReference<>(first);
    this.moved = first;
  }

  /** Appends an event; after {@link #close()}, drops it. Never waits. */
  RunEvent append(Factory factory) {
    Instant now = clock.get();
    Node node = new Node();
    Node last;
    RunEvent e;
    do {
      last = tail.get();
      if (last == END) {
        return null;
      }
      RunEvent before = last.event;
      // Timestamps stay non-decreasing in sequence order: a reading older than the previous
      // event's takes that one's instead. The factory only makes the event, so making it again
      // after a lost compare-and-set is harmless.
      e = before == null ? factory.create(0, now)
          : factory.create(before.sequence() + 1, now.isBefore(before.at()) ? before.at() : now);
      node.event = e;
    } while (!tail.compareAndSet(last, node));
    last.next = node;
    moveLinked();
    return e;
  }

  /** Ends the log: readers finish after the last event appended before. */
  void close() {
    Node last;
    do {
      last = tail.get();
      if (last == END) {
        return;
      }
    } while (!tail.compareAndSet(last, END));
    last.next = END;
    // Returns once every event appended before has been moved in; a writer still linking one is
    // between two instructions that do not wait.
    while (!closed) {
      moveLinked();
      if (!closed) {
        Thread.onSpinWait();
      }
    }
  }

  // Moves what writers linked into the retained list, unless another thread holds the lock: that
  // one does after it unlocks (see unlock()), so no linked event is left behind.
  private void moveLinked() {
    while (moved.next != null && lock.tryLock()) {
      try {
        moveLinkedLocked();
      } finally {
        lock.unlock();
      }
    }
  }

  private void unlock() {
    lock.unlock();
    moveLinked();
  }

  private void moveLinkedLocked() {
    Node at = moved;
    Node n = at.next;
    if (n == null) {
      return;
    }
    RunEvent lastMoved = null;
    do {
      at = n;
      if (n == END) {
        closed = true;
        break;
      }
      lastMoved = n.event;
      retain(lastMoved);
      n = n.next;
    } while (n != null);
    moved = at;
    if (lastMoved != null) {
      movedThrough = lastMoved.sequence();
    }
    for (Thread reader : waiting) {
      LockSupport.unpark(reader);
    }
  }

  private void retain(RunEvent e) {
    runId = e.runId();
    if (!(e instanceof RunEvent.TextDelta d)) {
      slots.add(e);
      return;
    }
    Slot slot = new Slot(d);
    slots.add(slot);
    if (deltas == null) {
      deltas = new ArrayDeque<>();
    }
    deltas.add(slot);
    retainedText += d.text().length();
    while (retainedText > maxRetainedText && !deltas.isEmpty()) {
      Slot oldest = deltas.poll();
      oldest.dropped = true;
      retainedText -= oldest.event.text().length();
      droppedSlots++;
    }
    if (droppedSlots > 1024 && droppedSlots > slots.size() / 2) {
      slots.removeIf(EventLog::dropped);
      droppedSlots = 0;
    }
  }

  /** Every retained event so far. */
  List<RunEvent> snapshot() {
    lock.lock();
    try {
      moveLinkedLocked();
      List<RunEvent> out = new ArrayList<>(slots.size());
      for (Object s : slots) {
        if (!dropped(s)) {
          out.add(event(s));
        }
      }
      return out;
    } finally {
      unlock();
    }
  }

  // The first retained event with a sequence of at least {@code sequence}, or null. Slots are in
  // sequence order, so a binary search finds it after compaction moved everything.
  private RunEvent firstFrom(long sequence) {
    int lo = 0;
    int hi = slots.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (event(slots.get(mid)).sequence() < sequence) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int i = lo; i < slots.size(); i++) {
      Object s = slots.get(i);
      if (!dropped(s)) {
        return event(s);
      }
    }
    return null;
  }

  // Parks until an event with a sequence of at least {@code sequence} was moved in, a writer
  // linked one that is not yet, or the log closed.
  private void awaitFrom(long sequence) {
    Thread me = Thread.currentThread();
    waiting.add(me);
    try {
      // Registered before looking, so a writer that moves an event in after the look wakes us.
      while (movedThrough < sequence && moved.next == null && !closed) {
        if (me.isInterrupted()) {
          throw new WaitInterruptedException(runId, new InterruptedException());
        }
        LockSupport.park(this);
      }
    } finally {
      waiting.remove(me);
    }
  }

  /**
   * A stream of the retained events from the first, blocking for more until the log is closed. A
   * reader blocked for the next event that is interrupted gets {@link WaitInterruptedException},
   * with its interrupt flag still set.
   */
  Stream<RunEvent> stream() {
    Iterator<RunEvent> it = new Iterator<>() {
      private long next;
      private RunEvent ready;

      @Override
      public boolean hasNext() {
        while (ready == null) {
          boolean end;
          lock.lock();
          try {
            moveLinkedLocked();
            RunEvent e = firstFrom(next);
            if (e != null) {
              ready = e;
              next = e.sequence() + 1;
              return true;
            }
            // Every event up to there was read or dropped.
            next = Math.max(next, movedThrough + 1);
            end = closed;
          } finally {
            unlock();
          }
          if (end) {
            return false;
          }
          awaitFrom(next);
        }
        return true;
      }

      @Override
      public RunEvent next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        RunEvent e = ready;
        ready = null;
        return e;
      }
    };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}
