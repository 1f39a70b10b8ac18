package dev.baton.runtime.internal;

import dev.baton.runtime.JournalStore;
import dev.baton.runtime.RunConflictException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Claims on runs held in this JVM's memory: the default of {@link JournalStore#claim(String)}, and
 * what excludes two concurrent resumes of one run that has no store. Keyed by the store's identity
 * and the run id; a run without a store is keyed by its id alone.
 */
public final class LocalClaims {
  private record Key(Object scope, String runId) {}

  // The scope object compares by identity (stores do not override equals), so two stores never
  // share claims by accident; NONE is the scope of runs without a store.
  private static final Object NONE = new Object();
  private static final ConcurrentHashMap<Key, Boolean> HELD = new ConcurrentHashMap<>();

  // Runs without a store that ended for good, so that resuming their state again is refused. Bounded:
  // the oldest ids are forgotten first (documented as the limit of exactly-once without a store).
  static final int FINISHED_REMEMBERED = 65_536;
  private static final ReentrantLock FINISHED_LOCK = new ReentrantLock();
  private static final LinkedHashMap<String, Boolean> FINISHED = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > FINISHED_REMEMBERED;
    }
  };

  private LocalClaims() {}

  /** Remembers that a run without a store ended for good. */
  static void markFinished(String runId) {
    FINISHED_LOCK.lock();
    try {
      FINISHED.put(runId, Boolean.TRUE);
    } finally {
      FINISHED_LOCK.unlock();
    }
  }

  /** Whether a run without a store is remembered as ended for good. */
  static boolean isFinished(String runId) {
    FINISHED_LOCK.lock();
    try {
      return FINISHED.containsKey(runId);
    } finally {
      FINISHED_LOCK.unlock();
    }
  }

  /**
   * Claims {@code runId} within {@code store} (null: runs without a store).
   *
   * @throws RunConflictException if the run is already claimed in this JVM
   */
  public static JournalStore.Claim claim(JournalStore store, String runId) {
    Objects.requireNonNull(runId, "runId");
    Key key = new Key(store == null ? NONE : new Identity(store), runId);
    if (HELD.putIfAbsent(key, Boolean.TRUE) != null) {
      throw new RunConflictException(runId, RunConflictException.Reason.ALREADY_RUNNING, "run "
          + runId + " is already being executed or resumed in this process; wait for it to end and"
          + " resume from its state or store then");
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return new JournalStore.Claim() {
      @Override
      public String runId() {
        return runId;
      }

      @Override
      public void close() {
        if (open.compareAndSet(true, false)) {
          HELD.remove(key);
        }
      }

      @Override
      public String toString() {
        return "Claim[" + runId + "]";
      }
    };
  }

  // Identity wrapper: a store that overrides equals must still get claims of its own.
  private record Identity(Object target) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.target == target;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(target);
    }
  }
}
