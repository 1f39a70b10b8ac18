package dev.baton.runtime.internal;

import dev.baton.runtime.RunEvent;
import dev.baton.runtime.WaitInterruptedException;
import java.time.Instant;
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
 * Every event of one run, in sequence order, kept until the run is dropped: readers start from the
 * first event at any time and never slow the writers (no back-pressure, no loss).
 */
final class EventLog {
  /** Creates an event given its sequence number and timestamp. */
  @FunctionalInterface
  interface Factory {
    RunEvent create(long sequence, Instant at);
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<RunEvent> events = new ArrayList<>();
  private boolean closed;
  private final Supplier<Instant> clock;

  EventLog(Supplier<Instant> clock) {
    this.clock = clock;
  }

  /** Appends an event; after {@link #close()}, drops it. */
  RunEvent append(Factory factory) {
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      RunEvent e = factory.create(events.size(), clock.get());
      events.add(e);
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

  List<RunEvent> snapshot() {
    lock.lock();
    try {
      return List.copyOf(events);
    } finally {
      lock.unlock();
    }
  }

  /** A stream of every event from the first, blocking for more until the log is closed. */
  Stream<RunEvent> stream() {
    Iterator<RunEvent> it = new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        lock.lock();
        try {
          while (next >= events.size() && !closed) {
            try {
              changed.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new WaitInterruptedException(runId(), e);
            }
          }
          return next < events.size();
        } finally {
          lock.unlock();
        }
      }

      private String runId() {
        return events.isEmpty() ? "" : events.get(0).runId();
      }

      @Override
      public RunEvent next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        lock.lock();
        try {
          return events.get(next++);
        } finally {
          lock.unlock();
        }
      }
    };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}
