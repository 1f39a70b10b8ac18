package dev.baton.runtime.internal;

import dev.baton.runtime.RunUsage;
import dev.baton.runtime.model.Usage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tokens and model calls of one run, per agent path. Thread-safe; cheap to add to.
 *
 * <p>Adding never waits: thousands of branches whose model calls end at once would otherwise park
 * on a lock with their whole invocation on the stack. A call is pushed with one compare-and-set and
 * counted in batches: by an adding thread that finds the lock free after every few dozen calls,
 * and by {@link #snapshot()}, which counts every call pushed before it.
 */
final class UsageTally {
  // One call not yet counted; pushed newest first. {@code depth} is how many are pushed up to it.
  private record Pending(String path, Usage usage, Pending older, int depth) {}

  // Calls pushed between two attempts to count them: the attempt is a rarely taken branch, which
  // the JIT compiler leaves out of line, so the frame of a model call that parks (and whose stack
  // is copied to the heap) stays as small as without the tally.
  private static final int COUNT_EVERY = 64;

  private final AtomicReference<Pending> pending = new AtomicReference<>();
  private final ReentrantLock lock = new ReentrantLock();
  // Under the lock. The usage of the one path counted so far; a map from the second path on (most
  // runs make their calls from one agent).
  private String onlyPath;
  private Usage onlyUsage;
  private Map<String, Usage> byPath;
  private Usage total = Usage.NONE;
  private int calls;

  /** Counts one finished model call of {@code path}, answered or not. Never waits. */
  void add(String path, Usage usage) {
    Pending head;
    Pending p;
    do {
      head = pending.get();
      p = new Pending(path, usage, head, head == null ? 1 : head.depth + 1);
    } while (!pending.compareAndSet(head, p));
    if (p.depth % COUNT_EVERY == 0) {
      countIfFree();
    }
  }

  private void countIfFree() {
    if (lock.tryLock()) {
      try {
        countPending();
      } finally {
        lock.unlock();
      }
    }
  }

  // Under the lock: counts the pushed calls, oldest first, so paths keep the order of their first
  // call.
  private void countPending() {
    Pending newest = pending.getAndSet(null);
    if (newest == null) {
      return;
    }
    if (newest.older == null) {
      count(newest.path, newest.usage);
      return;
    }
    Pending oldest = null;
    for (Pending p = newest; p != null; p = p.older) {
      oldest = new Pending(p.path, p.usage, oldest, 0);
    }
    for (Pending p = oldest; p != null; p = p.older) {
      count(p.path, p.usage);
    }
  }

  private void count(String path, Usage usage) {
    calls++;
    total = total.plus(usage);
    if (byPath == null) {
      if (onlyPath == null || onlyPath.equals(path)) {
        onlyPath = path;
        onlyUsage = onlyUsage == null ? usage : onlyUsage.plus(usage);
        return;
      }
      byPath = new LinkedHashMap<>();
      byPath.put(onlyPath, onlyUsage);
    }
    byPath.merge(path, usage, Usage::plus);
  }

  RunUsage snapshot() {
    lock.lock();
    try {
      countPending();
      return calls == 0 ? RunUsage.NONE : new RunUsage(total, calls,
          byPath != null ? byPath : java.util.Collections.singletonMap(onlyPath, onlyUsage));
    } finally {
      lock.unlock();
    }
  }
}
