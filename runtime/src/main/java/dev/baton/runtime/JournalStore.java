package dev.baton.runtime;

import dev.baton.runtime.internal.FileJournalStore;
import dev.baton.runtime.internal.InMemoryJournalStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Where runs write their journals while they execute, so that a run survives the process that ran
 * it: set one with {@link RunOptions.Builder#journalStore(JournalStore)}, and after a crash or a
 * pause rebuild the run with {@link RunState#fromStore(JournalStore, String)} and resume it.
 *
 * <pre>{@code
 * JournalStore store = JournalStore.file(Path.of("runs"));
 * Orchestrator o = Orchestrator.builder(graph).model(model)
 *     .options(RunOptions.builder().journalStore(store).build()).build();
 * Run<Object> run = o.start("frontDesk", "I was charged twice");
 * ...                                   // the process dies; later, in a new one:
 * Object answer = o.resume(RunState.fromStore(store, runId)).await();
 * }</pre>
 *
 * <p>A run appends one {@link JournalEntry} per step, in the order it records them, as soon as
 * the step has happened: model responses, tool results, agent outputs and branch outcomes (see
 * {@link JournalEntry#key()}). Besides steps, a run appends records whose keys start with {@code
 * @}, which no step key does: {@value #RUN_KEY} (the graph, entry agent and entry arguments,
 * before the first step), {@value #APPROVAL_KEY} (a tool call waiting for approval) and {@value
 * #DECISION_KEY} (a human's decision on one, written when a resumed run starts). A store keeps
 * entries as given; {@link RunState#fromStore(JournalStore, String)} interprets them.
 *
 * <p>Implementations must be thread-safe: branches of one run append concurrently. An append that
 * throws stops the run (it fails, naming the store's error), because a step that is not stored
 * would run again on resume. Appends happen on the run's virtual threads and may block.
 */
public interface JournalStore {
  /** Key of the record of a run's graph, entry agent and entry arguments. */
  String RUN_KEY = "@run";

  /** Key of the record of a tool call waiting for approval. */
  String APPROVAL_KEY = "@approval";

  /** Key of the record of a decision on a tool call waiting for approval. */
  String DECISION_KEY = "@decision";

  /**
   * Appends an entry to a run's journal. Called once per step, in the order the run records them;
   * the entry must be readable by {@link #load(String)} when this method returns.
   *
   * @param runId the run's id
   * @param entry the step or record
   * @throws RuntimeException if the entry cannot be stored; the run stops
   */
  void append(String runId, JournalEntry entry);

  /**
   * Loads a run's journal: every entry appended for it, in order.
   *
   * @param runId the run's id
   * @return the entries; empty if the store holds nothing for the run
   * @throws IllegalArgumentException if the stored journal is corrupt, saying where
   */
  List<JournalEntry> load(String runId);

  /**
   * The ids of the runs the store holds, sorted.
   *
   * @return the ids
   */
  List<String> runIds();

  /**
   * A store that keeps journals in this process's memory: for tests, and for pausing runs for
   * approval without serializing them. The default when a run has no store is to keep its journal
   * in the run alone ({@link Run#state()}).
   *
   * @return a new, empty store
   */
  static JournalStore inMemory() {
    return new InMemoryJournalStore();
  }

  /**
   * A store that keeps each run's journal in {@code <runId>.jsonl} in {@code directory}: a header
   * line, then one JSON object per entry, each line written with a single append as the step
   * happens. A process killed mid-write leaves a readable prefix: a torn last line is ignored on
   * load and cut off before the next append; a corrupt line anywhere else is reported with its line
   * number. The directory is created if missing.
   *
   * @param directory where the journal files live
   * @return the store
   * @throws java.io.UncheckedIOException if the directory cannot be created
   */
  static JournalStore file(Path directory) {
    return new FileJournalStore(directory);
  }
}
