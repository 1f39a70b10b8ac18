package dev.baton.runtime.internal;

import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunState;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes one run's journal to its {@link JournalStore}, if it has one. The first failed append
 * stops the run: it is reported to the run, and this and every later append throw {@link
 * RunCancelledException}, so the code recording a step unwinds the way cancellation does and no
 * further step runs unrecorded.
 */
final class JournalWriter {
  private final String runId;
  private final JournalStore store;
  private final Consumer<RuntimeException> onFailure;
  private volatile boolean failed;

  JournalWriter(String runId, JournalStore store, Consumer<RuntimeException> onFailure) {
    this.runId = runId;
    this.store = store;
    this.onFailure = onFailure;
  }

  /** Appends a step or record. */
  void append(JournalEntry entry) {
    if (store == null) {
      return;
    }
    if (failed) {
      throw new RunCancelledException(runId, "");
    }
    try {
      store.append(runId, entry);
    } catch (RuntimeException e) {
      failed = true;
      onFailure.accept(e);
      throw new RunCancelledException(runId, "");
    }
  }

  void header(String graph, String entryAgent, String entryArguments,
      Map<String, String> fingerprint) {
    append(StoredRecords.header(graph, entryAgent, entryArguments, fingerprint));
  }

  void end(String status, String error) {
    if (store == null || failed) {
      return;
    }
    store.append(runId, StoredRecords.end(status, error));
  }

  void approval(PendingApproval approval) {
    append(StoredRecords.approval(approval));
  }

  /**
   * Before a resumed run starts: brings the store up to the state it resumes from. The state may
   * come from JSON written elsewhere, so the store may hold none, some or all of its entries; the
   * missing ones and the decisions taken since are appended, so that the store alone can rebuild
   * the run if this process dies. Failures are thrown to the caller of resume.
   */
  void continueFrom(RunState state) {
    if (store == null) {
      return;
    }
    Set<String> keys = new HashSet<>();
    Map<String, RunState.Decision> decided = StoredRecords.decisions(store.load(runId), keys);
    if (!keys.contains(JournalStore.RUN_KEY)) {
      store.append(runId, StoredRecords.header(state.graph(), state.entryAgent(),
          state.entryArguments(), state.graphFingerprint()));
    }
    for (JournalEntry e : state.journal()) {
      if (keys.add(e.key())) {
        store.append(runId, e);
      }
    }
    for (Map.Entry<String, RunState.Decision> d : state.decisions().entrySet()) {
      if (!d.getValue().equals(decided.get(d.getKey()))) {
        store.append(runId, StoredRecords.decision(d.getKey(), d.getValue()));
      }
    }
  }
}
