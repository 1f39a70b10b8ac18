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
 * counted by whoever takes the lock next: the adding thread itself if the lock is free, else the
 * next add or {@link #snapshot()}, which counts every call pushed before it.
 */
final class UsageTally {
  // One call not yet counted; pushed newest first.
  private record Pending(String path, Usage usage, Pending older) {}

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
    do {
      head = pending.get();
    } while (!pending.compareAndSet(head, new Pending(path, usage, head)));
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
      oldest = new Pending(p.path, p.usage, oldest);
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
