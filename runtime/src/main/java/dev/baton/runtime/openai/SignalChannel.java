package dev.baton.runtime.openai;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over from OkHttp's reading thread to the calling thread. The reader blocks while
 * {@link #CAPACITY} items wait, so a server that sends faster than the caller consumes is slowed
 * down by TCP instead of filling the heap; the caller takes with a deadline that it checks before
 * every item, so a backlog never delays its timeout. Closing wakes a blocked reader, which then
 * gives up. Thread-safe: one reader, one taker.
 *
 * @param <T> the item type
 */
final class SignalChannel<T> {
  /** Items in flight at most: enough to keep the reader busy, small enough to bound memory. */
  static final int CAPACITY = 64;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private boolean closed;

  /**
   * Hands an item over, waiting while the channel is full.
   *
   * @return false if the channel was closed (the attempt is over): the reader should stop
   * @throws InterruptedException if the reading thread is interrupted
   */
  boolean put(T item) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (items.size() >= CAPACITY && !closed) {
        notFull.await();
      }
      if (closed) {
        return false;
      }
      items.add(item);
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands over a last item (an end or a failure) without waiting: at most a few such items exist
   * per attempt, and a failing reader must never block.
   */
  void putLast(T item) {
    lock.lock();
    try {
      if (!closed) {
        items.add(item);
        notEmpty.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the next item, unless the deadline has passed: checked first, so that items waiting do
   * not postpone it.
   *
   * @param deadlineNanos a {@link System#nanoTime()} value
   * @return the item, or null once the deadline has passed
   * @throws InterruptedException if the calling thread is interrupted
   */
  T take(long deadlineNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (true) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        T item = items.poll();
        if (item != null) {
          notFull.signal();
          return item;
        }
        notEmpty.await(left, TimeUnit.NANOSECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Ends the hand-over: drops waiting items and wakes a blocked reader. */
  void close() {
    lock.lock();
    try {
      closed = true;
      items.clear();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
