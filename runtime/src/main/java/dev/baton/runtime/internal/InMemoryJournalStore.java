package dev.baton.runtime.internal;

import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.RunConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link JournalStore#inMemory()}: journals in a map, guarded by one lock. Claims are the default
 * ones, held in this JVM, which is all that can share this store.
 */
public final class InMemoryJournalStore implements JournalStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, List<JournalEntry>> runs = new TreeMap<>();

  /** An empty store. */
  public InMemoryJournalStore() {}

  @Override
  public void append(String runId, JournalEntry entry) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(entry, "entry");
    lock.lock();
    try {
      runs.computeIfAbsent(runId, k -> new ArrayList<>()).add(entry);
    } finally {
      lock.unlock();
    }
  }

  /** Registers the id atomically: refused if the store holds anything under it. */
  @Override
  public void create(String runId) {
    Objects.requireNonNull(runId, "runId");
    lock.lock();
    try {
      if (runs.containsKey(runId)) {
        throw new RunConflictException(runId, RunConflictException.Reason.ID_IN_USE, "run id "
            + runId + " is already in this in-memory store; a new run needs an id it never held");
      }
      runs.put(runId, new ArrayList<>());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<JournalEntry> load(String runId) {
    lock.lock();
    try {
      return List.copyOf(runs.getOrDefault(runId, List.of()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<JournalEntry> load(String runId, int from) {
    if (from < 0) {
      throw new IllegalArgumentException("from must be at least 0, not " + from);
    }
    lock.lock();
    try {
      List<JournalEntry> all = runs.getOrDefault(runId, List.of());
      return from >= all.size() ? List.of() : List.copyOf(all.subList(from, all.size()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<String> runIds() {
    lock.lock();
    try {
      return List.copyOf(runs.keySet());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "JournalStore.inMemory" + runIds();
  }
}
