package dev.baton.runtime.internal;

import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
   * Before a resumed run starts, holding the claim: the run's journal as the store holds it now.
   * With {@code read} (what {@link RunState#fromStore} read from this store), only the entries
   * from the last one read on are loaded: the first must be that entry (journals are append-only),
   * the rest were appended since, e.g. by a resume in another process. Anything else means the
   * store's journal is not an extension of what was read, and the whole journal is loaded.
   *
   * @param read the entries read before the claim, or null
   */
  List<JournalEntry> current(List<JournalEntry> read) {
    if (read == null || read.isEmpty()) {
      return store.load(runId);
    }
    int last = read.size() - 1;
    List<JournalEntry> since = store.load(runId, last);
    if (since.isEmpty() || !since.get(0).equals(read.get(last))) {
      return store.load(runId);
    }
    if (since.size() == 1) {
      return read;
    }
    List<JournalEntry> all = new ArrayList<>(read.size() + since.size() - 1);
    all.addAll(read);
    all.addAll(since.subList(1, since.size()));
    return all;
  }

  /**
   * Like {@link #continueFrom} for a state whose steps and run record the store is known to hold
   * ({@code stored} is what {@link RunState#fromStore} read, unchanged): appends only the decisions
   * taken since.
   */
  void decisionsFrom(RunState state, List<JournalEntry> stored) {
    Map<String, RunState.Decision> decided = StoredRecords.decisions(stored, null);
    for (JournalEntry e : newDecisions(state, decided)) {
      store.append(runId, e);
    }
  }

  private static List<JournalEntry> newDecisions(RunState state,
      Map<String, RunState.Decision> decided) {
    List<JournalEntry> out = new ArrayList<>();
    for (Map.Entry<String, RunState.Decision> d : state.decisions().entrySet()) {
      if (!d.getValue().equals(decided.get(d.getKey()))) {
        out.add(StoredRecords.decision(d.getKey(), d.getValue()));
      }
    }
    return out;
  }

  /**
   * Before a resumed run starts, holding the claim: brings the store up to the state it resumes
   * from. The state may come from JSON written elsewhere, so the store may hold none, some or all
   * of its entries; the missing ones and the decisions taken since are appended, so that the store
   * alone can rebuild the run if this process dies. Failures are thrown to the caller of resume.
   *
   * @param stored the store's journal of the run ({@link #current})
   * @return the store's journal now: {@code stored} and what was appended (no one else appends
   *     while the claim is held)
   */
  List<JournalEntry> continueFrom(RunState state, List<JournalEntry> stored) {
    Set<String> keys = new HashSet<>();
    Map<String, RunState.Decision> decided = StoredRecords.decisions(stored, keys);
    List<JournalEntry> added = new ArrayList<>();
    if (!keys.contains(JournalStore.RUN_KEY)) {
      added.add(StoredRecords.header(state.graph(), state.entryAgent(), state.entryArguments(),
          state.graphFingerprint()));
    }
    for (JournalEntry e : state.journal()) {
      if (keys.add(e.key())) {
        added.add(e);
      }
    }
    added.addAll(newDecisions(state, decided));
    if (added.isEmpty()) {
      return stored;
    }
    for (JournalEntry e : added) {
      store.append(runId, e);
    }
    List<JournalEntry> all = new ArrayList<>(stored.size() + added.size());
    all.addAll(stored);
    all.addAll(added);
    return all;
  }
}
