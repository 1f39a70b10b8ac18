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
 *
 * <h2>Ownership: one run id, one run, one executor at a time</h2>
 *
 * <p>A store is what makes a run continue at most once, so it has two duties beyond keeping
 * entries, both of which must hold for every process sharing the store:
 *
 * <ul>
 *   <li>{@link #create(String)} is called before a new run's first append and refuses an id the
 *       store already holds, so two runs never mix their records under one id.
 *   <li>{@link #claim(String)} is called before a run executes or resumes and grants the right to
 *       execute it to one holder at a time, until the holder closes the {@link Claim} (when the run
 *       ends or pauses for approval). A run that has ended carries a {@value #END_KEY} record as its
 *       last entry; a resume that finds one refuses to execute anything.
 * </ul>
 *
 * <p>The default methods do this for one process only: {@link #create(String)} checks {@link
 * #load(String)} (not atomic against another process) and {@link #claim(String)} keeps claims in
 * this JVM's memory. A store shared by several processes must override both with an atomic
 * operation of its medium: {@link #file(Path)} uses exclusive file creation and an OS file lock;
 * a database store uses a unique key and a lease row or row lock.
 */
public interface JournalStore {
  /** Key of the record of a run's graph, entry agent and entry arguments. */
  String RUN_KEY = "@run";

  /** Key of the record of a tool call waiting for approval. */
  String APPROVAL_KEY = "@approval";

  /** Key of the record of a decision on a tool call waiting for approval. */
  String DECISION_KEY = "@decision";

  /**
   * Key of the record a run appends when it has ended for good (succeeded, failed or cancelled; a
   * pause for approval is not an end). Its value is a JSON object with {@code status} (the {@link
   * RunStatus} name) and, for a failure, {@code error} (the failure's description). A run whose
   * journal holds it is never executed again.
   */
  String END_KEY = "@end";

  /**
   * The exclusive right to execute one run, from {@link #claim(String)} until {@link #close()}.
   * Closing is idempotent and never throws; a claim whose process dies is released with it (by the
   * operating system, the database session or a lease that runs out, depending on the store).
   */
  interface Claim extends AutoCloseable {
    /** The id of the claimed run. */
    String runId();

    /** Releases the claim; later calls do nothing. */
    @Override
    void close();
  }

  /**
   * Registers a new run's id; called before the run's first {@link #append(String, JournalEntry)}.
   *
   * <p>The default refuses an id for which {@link #load(String)} returns entries; it is not atomic
   * against another process appending at the same moment. Stores shared between processes
   * override it with an atomic create.
   *
   * @param runId the new run's id
   * @throws RunConflictException with {@link RunConflictException.Reason#ID_IN_USE} if the store
   *     already holds a run under that id
   */
  default void create(String runId) {
    if (!load(runId).isEmpty()) {
      throw new RunConflictException(runId, RunConflictException.Reason.ID_IN_USE, "run id " + runId
          + " is already in " + this + "; a new run needs an id the store has never held");
    }
  }

  /**
   * Takes the exclusive right to execute or resume a run. The run closes the claim when it ends or
   * pauses for approval. A second claim of the same id fails while the first is held, whoever asks
   * (another thread, another runner, another process sharing the store).
   *
   * <p>The default keeps claims in this JVM's memory, so it excludes holders in this process only.
   * Stores shared between processes override it (an OS file lock, a database lease).
   *
   * @param runId the run's id
   * @return the claim; close it to release the run
   * @throws RunConflictException with {@link RunConflictException.Reason#ALREADY_RUNNING} if
   *     another holder has the run
   */
  default Claim claim(String runId) {
    return dev.baton.runtime.internal.LocalClaims.claim(this, runId);
  }

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
   * Loads the entries of a run's journal from index {@code from} on: what {@code
   * load(runId).subList(from, size)} would return, or nothing if the journal holds at most {@code
   * from} entries. A resume asks this, once it holds the claim, from the last entry that {@link
   * RunState#fromStore(JournalStore, String)} read, to learn what was appended since without
   * reading the whole journal again; it checks that the first entry returned is the one it read.
   *
   * <p>The default loads the whole journal. Stores that can start at a position override it: the
   * file store reads the file from where its last load of the run ended, a database store skips
   * the rows before {@code from} in its query.
   *
   * @param runId the run's id
   * @param from the index of the first entry wanted, at least 0
   * @return the entries from {@code from} on, in order
   * @throws IllegalArgumentException if {@code from} is negative, or the stored journal is corrupt
   */
  default List<JournalEntry> load(String runId, int from) {
    if (from < 0) {
      throw new IllegalArgumentException("from must be at least 0, not " + from);
    }
    List<JournalEntry> all = load(runId);
    return from >= all.size() ? List.of() : List.copyOf(all.subList(from, all.size()));
  }

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
    return new FileJournalStore(directory, false);
  }

  /**
   * Like {@link #file(Path)}, and with {@code force} each append and each new run's file (with its
   * directory entry) is forced to the storage device before the call returns ({@code fsync}).
   *
   * <p>What each guarantees: without forcing (the default), a recorded step is in the operating
   * system's page cache when {@code append} returns, so it survives the JVM or the process being
   * killed, and a resume never runs it again; a power cut or kernel crash may lose the last steps
   * written before it (then those steps run again on resume). With forcing, a recorded step also
   * survives a power cut on a device that honours flushes, at the cost of one {@code fsync} per
   * step (see the bench's {@code resume} workload for the figures).
   *
   * @param directory where the journal files live
   * @param force whether to force every write to the device
   * @return the store
   * @throws java.io.UncheckedIOException if the directory cannot be created
   */
  static JournalStore file(Path directory, boolean force) {
    return new FileJournalStore(directory, force);
  }
}
