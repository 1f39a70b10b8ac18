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
import java.util.concurrent.locks.Condition;
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
 */
final class EventLog {
  /** Creates an event given its sequence number and timestamp. */
  @FunctionalInterface
  interface Factory {
    RunEvent create(long sequence, Instant at);
  }

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

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // RunEvents, and Slots for text deltas.
  private final ArrayList<Object> slots = new ArrayList<>();
  // Made at the first text delta: most runs stream none.
  private ArrayDeque<Slot> deltas;
  private final Supplier<Instant> clock;
  private final long maxRetainedText;
  private long retainedText;
  private int droppedSlots;
  private long nextSequence;
  private Instant lastAt;
  private boolean closed;
  private String runId = "";

  EventLog(Supplier<Instant> clock, long maxRetainedText) {
    this.clock = clock;
    this.maxRetainedText = maxRetainedText;
  }

  /** Appends an event; after {@link #close()}, drops it. */
  RunEvent append(Factory factory) {
    // The clock is read before the lock, so that threads emitting at once hold it for less time;
    // timestamps stay non-decreasing in sequence order because a reading older than the last
    // event's takes that one's instead.
    Instant now = clock.get();
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      if (lastAt != null && now.isBefore(lastAt)) {
        now = lastAt;
      }
      lastAt = now;
      // A factory that throws takes no sequence number: sequences stay gapless.
      RunEvent e = factory.create(nextSequence, now);
      nextSequence++;
      runId = e.runId();
      if (!(e instanceof RunEvent.TextDelta d)) {
        slots.add(e);
      } else {
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
      changed.signalAll();
      return e;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the log: readers finish after the last event. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Every retained event so far. */
  List<RunEvent> snapshot() {
    lock.lock();
    try {
      List<RunEvent> out = new ArrayList<>(slots.size());
      for (Object s : slots) {
        if (!dropped(s)) {
          out.add(event(s));
        }
      }
      return out;
    } finally {
      lock.unlock();
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

  /**
   * A stream of the retained events from the first, blocking for more until the log is closed. A
   * reader blocked for the next event that is interrupted gets {@link WaitInterruptedException},
   * with its interrupt flag set again.
   */
  Stream<RunEvent> stream() {
    Iterator<RunEvent> it = new Iterator<>() {
      private long next;
      private RunEvent ready;

      @Override
      public boolean hasNext() {
        if (ready != null) {
          return true;
        }
        lock.lock();
        try {
          while (true) {
            RunEvent e = firstFrom(next);
            if (e != null) {
              ready = e;
              next = e.sequence() + 1;
              return true;
            }
            if (closed) {
              return false;
            }
            try {
              changed.await();
            } catch (InterruptedException ex) {
              Thread.currentThread().interrupt();
              throw new WaitInterruptedException(runId, ex);
            }
          }
        } finally {
          lock.unlock();
        }
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
