package dev.baton.runtime.internal;

import dev.baton.runtime.RunUsage;
import dev.baton.runtime.model.Usage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** The tokens and model calls of one run, per agent path. Thread-safe; cheap to add to. */
final class UsageTally {
  private final ReentrantLock lock = new ReentrantLock();
  // The usage of the one path counted so far; a map from the second path on (most runs make their
  // calls from one agent).
  private String onlyPath;
  private Usage onlyUsage;
  private Map<String, Usage> byPath;
  private Usage total = Usage.NONE;
  private int calls;

  /** Counts one finished model call of {@code path}, answered or not. */
  void add(String path, Usage usage) {
    lock.lock();
    try {
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
    } finally {
      lock.unlock();
    }
  }

  RunUsage snapshot() {
    lock.lock();
    try {
      return calls == 0 ? RunUsage.NONE : new RunUsage(total, calls,
          byPath != null ? byPath : java.util.Collections.singletonMap(onlyPath, onlyUsage));
    } finally {
      lock.unlock();
    }
  }
}
