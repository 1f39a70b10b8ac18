package dev.baton.runtime.internal;

import dev.baton.runtime.AgentException;
import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.RunConflictException;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunState;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.RunTimeoutException;
import dev.baton.runtime.RunUsage;
import dev.baton.runtime.WaitInterruptedException;
import dev.baton.runtime.WaitTimeoutException;
import dev.baton.runtime.internal.exec.Execution;
import dev.baton.runtime.internal.exec.VirtualThreadExecution;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * One run: its events, journal, tasks and outcome. A started run's entry executes on a task of the
 * run ({@link #startAsync}). A blocking call runs it the same way when it has a deadline or is made
 * inside another run, so the deadline or a cancel always hands control back to the caller; without
 * either, it runs on the caller's thread ({@link #runInline}), where only an interrupt of that thread
 * cancels it, and tools still run on tasks of their own. Every wait goes through the run's
 * {@link Execution}, and every wait for a started run ends by cancel +
 * {@link RunOptions#cancelGrace()} at the latest.
 *
 * @param <R> the result type
 */
public final class RunImpl<R> implements Run<R> {
  private enum Cancel { REQUESTED, DEADLINE, FATAL }

  final Engine engine;
  final Orchestrator orchestrator;
  final Journal journal;
  final JournalWriter writer;
  private static final System.Logger LOG = System.getLogger("dev.baton.runtime");
  private static final long NOT_CANCELLED = Long.MIN_VALUE;

  final RunThreads threads;
  final Execution execution;
  final Scope rootScope;
  final AtomicInteger modelCalls = new AtomicInteger();
  /** Whether the run's first entry call, the one a session turn wraps, has started. */
  final java.util.concurrent.atomic.AtomicBoolean sessionTurnStarted =
      new java.util.concurrent.atomic.AtomicBoolean();
  final UsageTally usage = new UsageTally();
  final Frame rootFrame;
  private final String id;
  private final RunOptions options;
  private final RunListener listener;
  private final EventLog events;
  private final CompletableFuture<R> result = new CompletableFuture<>();
  private final AtomicReference<Cancel> cancel = new AtomicReference<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final List<PendingApproval> approvals = new ArrayList<>();
  private final Map<String, RunState.Decision> decisions;
  private final JournalStore.Claim claim;
  private final boolean resumed;
  private volatile RunStatus status = RunStatus.RUNNING;
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private final ReentrantLock endLock = new ReentrantLock();
  private volatile Execution.Task rootTask;
  private volatile Thread inlineThread;
  // Whether the run may interrupt its blocking caller's thread: FREE while that thread runs the
  // entry, SENDING while cancel() interrupts it, LEFT once it has left the run. The thread leaves
  // only from FREE, so no interrupt of the run lands on it after the call has returned. A state
  // word rather than a lock: it costs a run one compare-and-set and no object.
  private static final int FREE = 0;
  private static final int SENDING = 1;
  private static final int LEFT = 2;
  private static final VarHandle INLINE_STATE =
      VarHandles.field(MethodHandles.lookup(), RunImpl.class, "inlineState", int.class);

  @SuppressWarnings("unused") // through INLINE_STATE
  private volatile int inlineState;
  // Whether the blocking caller's own interrupt cancelled the run (read on the caller's thread).
  private boolean cancelledByOwner;
  private volatile Execution.Task listenerTask;
  private volatile Execution.Task watchdog;
  private volatile boolean listenerStopped;
  private volatile boolean entryReturned;
  private volatile boolean ending;
  private volatile boolean settled;
  private volatile boolean endedByRoot;
  private volatile long cancelledAt = NOT_CANCELLED;
  private Throwable finalFailure;
  private volatile long startNanos;
  private String entryAgent;
  private String entryArguments;
  private Object[] entryValues;

  RunImpl(Engine engine, Orchestrator orchestrator, RunOptions options, String id, RunState resumeFrom,
      List<JournalEntry> read, Execution execution) {
    this.engine = engine;
    this.orchestrator = orchestrator;
    this.options = options;
    this.id = id;
    // Asked for here, on the thread starting the run, so a listener can capture what it holds.
    this.listener = listenerFor(options.listener(), id);
    this.execution = execution;
    this.events = new EventLog(execution::now, options.maxRetainedTextChars());
    this.threads = new RunThreads(id, execution);
    this.rootScope = new Scope(null, execution);
    this.startNanos = execution.nanoTime();
    this.resumed = resumeFrom != null;
    JournalStore store = options.journalStore().orElse(null);
    this.writer = new JournalWriter(id, store, this::storeFailed);
    this.claim = takeClaim(store, id, resumeFrom);
    try {
      List<JournalEntry> prior = List.of();
      Map<String, RunState.Decision> decided = Map.of();
      if (resumeFrom != null) {
        // A resumed run re-enters the same entry; keeping it here keeps state() whole even if the
        // run ends before reaching the entry again.
        this.entryAgent = resumeFrom.entryAgent();
        this.entryArguments = resumeFrom.entryArguments();
        prior = resumeFrom.journal();
        decided = resumeFrom.decisions();
        if (store != null) {
          // The store is the authority on what has happened: a step a previous resume executed is
          // in the store even if the state handed in is older, and must not execute again. Read
          // under the claim, so nothing is appended to it but by this run from here on.
          List<JournalEntry> stored = writer.current(read);
          if (StoredRecords.endOf(stored) != null) {
            throw finished(store);
          }
          if (stored == read) {
            // The store holds exactly what fromStore read, and the state is that read, folded,
            // with decisions added: its steps are the store's, and only decisions can be new.
            writer.decisionsFrom(resumeFrom, stored);
          } else {
            // What the store holds beyond what fromStore read and the resume checked.
            JournalCheck.values(id, store, stored);
            stored = writer.continueFrom(resumeFrom, stored);
            StoredRecords.Folded f = StoredRecords.fold(id, stored);
            prior = f.journal();
            Map<String, RunState.Decision> merged = new java.util.LinkedHashMap<>(f.decisions());
            merged.putAll(resumeFrom.decisions());
            decided = merged;
          }
        }
      }
      this.journal = new Journal(prior, writer::append, store != null);
      this.decisions = Map.copyOf(decided);
    } catch (RuntimeException | Error e) {
      releaseClaim();
      throw e;
    }
    this.rootFrame = new Frame(this, "", null, new Conversation(), rootScope, 0);
  }

  // New runs with a store register their id and claim it; resumed runs claim their id in the store,
  // or in this JVM without one. Either way only one executor of a run exists at a time.
  private static JournalStore.Claim takeClaim(JournalStore store, String id, RunState resumeFrom) {
    if (resumeFrom == null) {
      if (store == null) {
        return null;
      }
      store.create(id);
      return store.claim(id);
    }
    if (store != null) {
      return store.claim(id);
    }
    JournalStore.Claim c = LocalClaims.claim(null, id);
    if (LocalClaims.isFinished(id)) {
      c.close();
      throw new RunConflictException(id, RunConflictException.Reason.FINISHED, "run " + id
          + " has already finished in this process; a run continues at most once");
    }
    return c;
  }

  private RunConflictException finished(JournalStore store) {
    return new RunConflictException(id, RunConflictException.Reason.FINISHED, "run " + id
        + " has already finished (its journal in " + store + " ends with " + JournalStore.END_KEY
        + "); a run continues at most once");
  }

  private void releaseClaim() {
    JournalStore.Claim c = claim;
    if (c != null) {
      c.close();
    }
  }

  RunOptions options() {
    return options;
  }

  private static RunListener listenerFor(RunListener shared, String id) {
    if (shared == RunListener.NONE) {
      return shared;
    }
    try {
      RunListener own = shared.forRun(id);
      return own == null ? shared : own;
    } catch (RuntimeException e) {
      return shared; // a failing listener must not change the run
    }
  }

  /**
   * Runs a blocking call. With a deadline, or when the caller is itself running inside another
   * run (a tool or code agent calling a runner), the entry runs on a task of the run and the caller
   * waits, so the deadline or a cancel hands control back whatever the run's code does. Otherwise
   * the entry runs on the caller's thread, which saves the hand-off (most of a step's cost): only an
   * interrupt of that thread cancels the run then, and tools still run on tasks of their own, so a
   * stuck tool never holds the caller after it.
   */
  R runInline(Callable<? extends R> entry) {
    // A platform caller is counted while it is in the call: its waits poll before they park only
    // while fewer platform threads than CPUs are in calls (VirtualThreadExecution). A thread that
    // is running another run's entry already (a code agent on its caller's thread calling a runner
    // of another graph) is counted already: it stays one thread, counted once.
    // The frame running on this thread, if any: read once, for the count and for where the entry
    // runs.
    Frame current = Frame.current();
    Thread caller = Thread.currentThread();
    if (caller.isVirtual() || (current != null && current.run.inlineThread == caller)) {
      return call(entry, current);
    }
    VirtualThreadExecution.callerEntered();
    try {
      return call(entry, current);
    } finally {
      VirtualThreadExecution.callerLeft();
    }
  }

  private R call(Callable<? extends R> entry, Frame current) {
    if (options.deadline().isEmpty() && current == null) {
      inlineThread = Thread.currentThread();
      try {
        execute(entry, false);
      } finally {
        inlineThread = null;
      }
      return resultNow();
    }
    startAsync(entry);
    try {
      waitForEnd(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      // The caller of a blocking call is the run's owner: interrupting it cancels the run. The
      // cancelled run ends within its grace, whatever its code does with the interrupt.
      cancel(Cancel.REQUESTED);
      waitForEndUninterruptibly();
      Thread.currentThread().interrupt();
    }
    return resultNow();
  }

  /**
   * Starts the entry on a task of its own; the caller's thread never runs agent or tool code, so a
   * deadline or cancel can always hand control back to it.
   */
  public void startAsync(Callable<? extends R> entry) {
    Execution.Task task = execution.start("baton-" + id, () -> execute(entry, true));
    rootTask = task;
    rootScope.add(task); // cancelled at once if the run was cancelled before it started
  }

  // restart: whether the run's time starts now rather than at its construction (a task of its own
  // starts later; the caller's thread runs it at once, and a clock reading costs as much as a
  // run's bookkeeping step here).
  private void execute(Callable<? extends R> entry, boolean restart) {
    if (restart) {
      startNanos = execution.nanoTime();
    }
    if (cancel.get() != null) {
      Thread.currentThread().interrupt();
    } else if (Thread.currentThread().isInterrupted()) {
      ownerInterrupted(); // a caller interrupted before it called cancels the run, as a wait would
    }
    if (listener != RunListener.NONE) {
      listenerTask = execution.start("baton-" + id + "-listener", () -> deliver(listener));
    }
    if (options.deadline().isPresent()) {
      watchdog = execution.start("baton-" + id + "-deadline", this::watch);
    }
    emit((seq, at) -> new RunEvent.RunStarted(id, "", seq, at, resumed));
    Frame previous = Frame.enter(rootFrame);
    R value = null;
    Throwable failure = null;
    try {
      value = entry.call();
    } catch (Throwable t) {
      failure = t;
    } finally {
      Frame.exit(previous);
    }
    entryReturned = true;
    execution.signal();
    // Stragglers (branches abandoned at a timeout, calls of a failed turn) end with the run; what
    // ignores its interrupt for longer than the grace is abandoned and reported.
    threads.cancelAll();
    // With no task left or finishing nothing can start one any more (the entry has returned):
    // nothing to wait for, and no deadline to read the clock for.
    List<Execution.Task> left = threads.none() ? List.of()
        : threads.awaitAll(null, graceDeadline());
    // An interrupt meant for the run's work, not for whoever runs next; on a caller's thread only
    // an interrupt the run sent itself is cleared, and the run sends none after this.
    boolean ours = true;
    if (inlineThread != null) {
      // An interrupt being sent is a few instructions from done: wait it out, then none is sent.
      while (!INLINE_STATE.compareAndSet(this, FREE, LEFT)) {
        Thread.onSpinWait();
      }
      inlineThread = null;
      ours = cancel.get() != null && !cancelledByOwner;
    }
    settle(value, failure, left, true, false);
    if (cancelledByOwner) {
      Thread.currentThread().interrupt(); // a wait of the run's work may have consumed it
    } else if (ours) {
      Thread.interrupted();
    }
  }

  // The grace counts from the moment the run was cancelled (before anything was interrupted), else
  // from now: for stragglers of a run that ended by itself.
  private long graceDeadline() {
    long from = cancelledAt;
    return saturatedAdd(from == NOT_CANCELLED ? execution.nanoTime() : from,
        options.cancelGrace().toNanos());
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  // The deadline's task: cancels the run when the deadline passes, and ends it itself if the run's
  // work has not stopped within the grace after that.
  private void watch() {
    long deadline = saturatedAdd(startNanos, options.deadline().orElseThrow().toNanos());
    try {
      if (execution.awaitUntil(() -> entryReturned || ending || cancel.get() != null, deadline)) {
        return; // ended, or cancelled otherwise: waiters enforce that grace
      }
      cancel(Cancel.DEADLINE);
      if (!execution.awaitUntil(() -> settled, graceDeadline())) {
        forceEnd(true);
      }
    } catch (InterruptedException e) {
      // the run ended first
    }
  }

  private void deliver(RunListener listener) {
    try (Stream<RunEvent> stream = events.stream()) {
      Iterator<RunEvent> it = stream.iterator();
      while (!listenerStopped && it.hasNext()) {
        RunEvent e = it.next();
        try {
          listener.onEvent(e);
        } catch (RuntimeException ignored) {
          // a failing listener must not change the run
        }
      }
    } catch (WaitInterruptedException e) {
      // stopped after its grace
    }
  }

  // Ends the run on behalf of work that ignored cancellation beyond the grace: the caller gets the
  // run's outcome on time, the stuck work is reported and whatever it returns later is dropped.
  private void forceEnd(boolean byWatchdog) {
    threads.cancelAll();
    List<Execution.Task> left = threads.awaitAll(null, execution.nanoTime());
    List<Execution.Task> stuck = new ArrayList<>(left);
    Execution.Task r = rootTask;
    if (r != null && !r.isDone()) {
      stuck.add(0, r);
    }
    settle(null, new RunCancelledException(id, ""), stuck, false, byWatchdog);
  }

  private void report(List<Execution.Task> abandoned, Duration grace) {
    for (Execution.Task t : abandoned) {
      String work = t.name();
      String path = pathOf(work);
      LOG.log(System.Logger.Level.WARNING, "run " + id + ": abandoned " + work + " at "
          + (path.isEmpty() ? "the run's entry" : path) + " after it ignored cancellation for "
          + grace + "; its result will be discarded");
      emit((seq, at) -> new RunEvent.WorkAbandoned(id, path, seq, at, work, grace));
    }
  }

  // Task names are "baton-<runId>-<path>[ tool <name>]": the path is what follows the run's prefix.
  private String pathOf(String taskName) {
    String prefix = "baton-" + id + "-";
    if (!taskName.startsWith(prefix)) {
      return entryAgent == null ? "" : entryAgent;
    }
    String rest = taskName.substring(prefix.length());
    int space = rest.indexOf(' ');
    return space < 0 ? rest : rest.substring(0, space);
  }

  /**
   * Ends the run once: the first caller (the run's own task, or whoever ends it after its grace)
   * decides its outcome; later ones do nothing. Emits the final event, records the end, releases
   * the claim, gives the listener its grace, then completes the result.
   */
  private void settle(R value, Throwable failure, List<Execution.Task> abandoned, boolean byRoot,
      boolean byWatchdog) {
    endLock.lock();
    try {
      if (ending) {
        return;
      }
      ending = true;
      report(abandoned, options.cancelGrace());
      finish(value, failure);
      recordEnd();
      releaseClaim();
      events.close();
      endedByRoot = byRoot;
    } finally {
      endLock.unlock();
    }
    Execution.Task w = watchdog;
    if (w != null && !byWatchdog) {
      w.cancel();
      joinQuietly(w);
    }
    Execution.Task l = listenerTask;
    if (l != null) {
      // Interrupts that reach this thread now were meant for the run's work (a cancel's interrupts
      // can land late): they must not cut the listener's bounded drain short, so the wait goes on
      // to its deadline and the flag is restored after it.
      boolean drained;
      boolean interrupted = false;
      long drainDeadline = saturatedAdd(execution.nanoTime(), options.listenerGrace().toNanos());
      while (true) {
        try {
          drained = l.awaitDone(drainDeadline);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (!drained) {
        listenerStopped = true;
        l.cancel();
        LOG.log(System.Logger.Level.WARNING, "run " + id + ": its listener did not take the last"
            + " events within " + options.listenerGrace() + "; it was interrupted and is called no"
            + " more");
      }
    }
    if (finalFailure == null) {
      result.complete(value);
    } else {
      result.completeExceptionally(finalFailure);
    }
    settled = true;
    execution.signal();
  }

  private static void joinQuietly(Execution.Task t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.awaitDone(Long.MAX_VALUE);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Throwable outcome(Throwable failure) {
    Cancel c = cancel.get();
    if (c == Cancel.FATAL) {
      return fatal.get(); // even if the entry caught what it saw and returned
    }
    if (failure == null) {
      return null;
    }
    if (failure instanceof Pause) {
      return new ApprovalRequiredException(state());
    }
    if (c == Cancel.DEADLINE) {
      return new RunTimeoutException(id, entryAgent == null ? "" : entryAgent,
          options.deadline().orElseThrow());
    }
    if (c == Cancel.REQUESTED) {
      return new RunCancelledException(id, entryAgent == null ? "" : entryAgent);
    }
    return failure;
  }

  private void finish(R value, Throwable failure) {
    Duration took = Duration.ofNanos(execution.nanoTime() - startNanos);
    Throwable f = outcome(failure);
    finalFailure = f;
    if (f == null) {
      status = RunStatus.SUCCEEDED;
      RunUsage totals = usage.snapshot();
      emit((seq, at) -> new RunEvent.RunFinished(id, "", seq, at, RunStatus.SUCCEEDED, took, totals));
    } else if (f instanceof ApprovalRequiredException) {
      status = RunStatus.INTERRUPTED;
      RunUsage totals = usage.snapshot();
      emit((seq, at) -> new RunEvent.RunFinished(id, "", seq, at, RunStatus.INTERRUPTED, took,
          totals));
    } else {
      Cancel c = cancel.get();
      RunStatus s = c != null && c != Cancel.FATAL ? RunStatus.CANCELLED : RunStatus.FAILED;
      status = s;
      String path = f instanceof AgentException ae ? ae.path() : "";
      String error = f.getClass().getSimpleName() + ": " + f.getMessage();
      RunUsage totals = usage.snapshot();
      emit((seq, at) -> new RunEvent.RunFailed(id, path, seq, at, s, error, took, totals));
    }
  }

  // A run that ended for good says so in its store (or, without one, in this JVM), so that no
  // resume executes it again. A pause for approval is not an end.
  private void recordEnd() {
    RunStatus s = status;
    if (s == RunStatus.INTERRUPTED) {
      return;
    }
    if (options.journalStore().isEmpty()) {
      if (resumed) {
        LocalClaims.markFinished(id);
      }
      return;
    }
    try {
      writer.end(s.name(), finalFailure == null ? null : Engine.describe(finalFailure));
    } catch (RuntimeException e) {
      // the store failed; the run's outcome stands and the store's error was reported already
    }
  }

  void emit(EventLog.Factory factory) {
    events.append(factory);
  }

  /** Throws if the run has been cancelled; called before every model and tool call. */
  void checkCancelled(String path) {
    if (cancel.get() != null) {
      throw new RunCancelledException(id, path);
    }
  }

  /**
   * Throws if {@code frame}'s scope (its branch, or the run) is settled: called before every model
   * call, tool call, handoff, delegate and fan-out, and before a result is recorded, so that nothing
   * starts in settled work and no late result is kept.
   */
  void check(Frame frame) {
    check(frame.path, frame.scope);
  }

  /** {@link #check(Frame)} for work at {@code path} cancelled with {@code scope}. */
  void check(String path, Scope scope) {
    if (scope.isCancelled()) {
      throw stopped(path, scope);
    }
  }

  /** The failure of work stopped at {@code frame}, saying why. */
  RunCancelledException stopped(Frame frame) {
    return stopped(frame.path, frame.scope);
  }

  // Work on the blocking caller's thread saw an interrupt the run did not send: the caller, the
  // run's owner, cancelled the run, as interrupting a caller that waits for a task of the run does.
  // The interrupt flag stays set for the caller, as it does there.
  private void ownerInterrupted() {
    if (Thread.currentThread() == inlineThread && cancel.get() == null && cancel(Cancel.REQUESTED)) {
      cancelledByOwner = true;
    }
  }

  private RunCancelledException stopped(String path, Scope scope) {
    ownerInterrupted();
    if (cancel.get() != null) {
      return new RunCancelledException(id, path);
    }
    String reason = scope.reason();
    return new RunCancelledException(id, path, reason != null ? reason
        : "interrupted: its fan-out branch timed out or a sibling branch failed fast");
  }

  /** The failure of work whose thread was interrupted at {@code path}, saying why. */
  RunCancelledException interrupted(String path) {
    ownerInterrupted();
    return cancel.get() != null ? new RunCancelledException(id, path)
        : new RunCancelledException(id, path, "interrupted: its fan-out branch timed out or a"
            + " sibling branch failed fast");
  }

  boolean isCancelled() {
    return cancel.get() != null;
  }

  /**
   * A JVM error ({@link VirtualMachineError}) in any work of the run: it is never turned into an
   * outcome or a result the model sees; the run stops and fails with it.
   */
  void fatalError(Error e) {
    fatal.compareAndSet(null, e);
    cancel(Cancel.FATAL);
  }

  void recordEntry(String agent, Object[] arguments) {
    lock.lock();
    try {
      if (entryAgent != null) {
        return;
      }
      entryAgent = agent;
      entryValues = arguments.clone();
    } finally {
      lock.unlock();
    }
    if (options.journalStore().isPresent()) {
      writer.header(engine.graph().name(), agent, Json.write(entryValues), engine.fingerprint());
    }
  }

  // The entry's arguments as JSON, written when first needed: most runs never need them.
  private String entryArguments() {
    if (entryArguments == null && entryValues != null) {
      entryArguments = Json.write(entryValues);
    }
    return entryArguments;
  }

  boolean hasEntry() {
    lock.lock();
    try {
      return entryAgent != null;
    } finally {
      lock.unlock();
    }
  }

  RunState.Decision decision(String callId) {
    return decisions.get(callId);
  }

  void requestApproval(PendingApproval approval) {
    lock.lock();
    try {
      approvals.add(approval);
    } finally {
      lock.unlock();
    }
    writer.approval(approval);
    emit((seq, at) -> new RunEvent.ApprovalRequested(id, approval.path(), seq, at, approval));
  }

  // The run cannot record its steps any more: stop it like a cancellation, report the store's error.
  private void storeFailed(RuntimeException e) {
    RunLog.storeFailed(id, String.valueOf(options.journalStore().orElse(null)), e);
    stop(new AgentException(id, "", "journal store " + options.journalStore().orElseThrow()
        + " failed, so the run stopped (a step that is not stored would run again on resume);"
        + " fix the store and resume from the steps it holds: " + Engine.describe(e), e));
  }

  /**
   * Stops the run with a failure that code agents must not be able to catch and go on from (a
   * resumed run that diverges from its journal, a failed store): everything is interrupted and
   * the run fails with {@code failure}, whatever its code does with the exceptions it sees.
   */
  void stop(AgentException failure) {
    if (status.isDone()) {
      return;
    }
    // Set before the cancel reason, so whoever sees FATAL sees the failure; the first one wins.
    fatal.compareAndSet(null, failure);
    cancel(Cancel.FATAL);
  }

  // Whether this call cancelled the run.
  private boolean cancel(Cancel reason) {
    if (settled || ending) {
      // Nothing left to decide, but whatever still runs for the run (a stuck listener, abandoned
      // work) is interrupted: cancel() always ends what it can.
      listenerStopped = true;
      Execution.Task l = listenerTask;
      if (l != null) {
        l.cancel();
      }
      threads.cancelAll();
      return false;
    }
    if (!cancel.compareAndSet(null, reason)) {
      return false;
    }
    cancelledAt = execution.nanoTime();
    rootScope.cancel(reason == Cancel.DEADLINE ? "the run's deadline passed"
        : reason == Cancel.FATAL ? "the run stopped" : "the run was cancelled");
    threads.cancelAll();
    Execution.Task r = rootTask;
    if (r != null) {
      r.cancel();
    }
    Thread inline = inlineThread;
    if (inline != null && INLINE_STATE.compareAndSet(this, FREE, SENDING)) {
      try {
        inline.interrupt();
      } finally {
        inlineState = FREE;
      }
    }
    execution.signal();
    return true;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Stream<RunEvent> events() {
    return events.stream();
  }

  /** Every event so far. */
  public List<RunEvent> eventsSoFar() {
    return events.snapshot();
  }

  /**
   * Waits until the run has ended or {@code deadlineNanos} passes. A run cancelled (by anyone) whose
   * work has not stopped within the grace is ended here, by the waiter, so that no wait outlasts
   * cancel + grace.
   *
   * @return whether the run has ended
   */
  private boolean waitForEnd(long deadlineNanos) throws InterruptedException {
    while (!settled) {
      long cancelledNow = cancelledAt;
      long graceEnd = cancelledNow == NOT_CANCELLED ? Long.MAX_VALUE
          : saturatedAdd(cancelledNow, options.cancelGrace().toNanos());
      long until = Math.min(deadlineNanos, graceEnd);
      execution.awaitUntil(() -> settled || cancelledAt != cancelledNow, until);
      if (settled) {
        break;
      }
      long now = execution.nanoTime();
      if (cancelledAt == cancelledNow && now >= graceEnd) {
        forceEnd(false);
      } else if (cancelledAt == cancelledNow && now >= deadlineNanos) {
        return false;
      }
    }
    if (endedByRoot) {
      // After a wait returns, not even the run's own task is left.
      Execution.Task r = rootTask;
      if (r != null) {
        joinQuietly(r);
      }
    }
    return true;
  }

  private void waitForEndUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        waitForEnd(Long.MAX_VALUE);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private R resultNow() {
    try {
      return result.resultNow();
    } catch (IllegalStateException e) {
      throw rethrow(result.exceptionNow());
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws WaitInterruptedException if the waiting thread is interrupted (its flag is set again;
   *     the run goes on)
   */
  @Override
  public R await() {
    try {
      waitForEnd(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WaitInterruptedException(id, e);
    }
    return resultNow();
  }

  /**
   * {@inheritDoc}
   *
   * @throws WaitTimeoutException if the wait runs out (the run goes on, its status untouched)
   * @throws WaitInterruptedException if the waiting thread is interrupted (its flag is set again)
   */
  @Override
  public R await(Duration timeout) {
    try {
      if (!waitForEnd(saturatedAdd(execution.nanoTime(), timeout.toNanos()))) {
        throw new WaitTimeoutException(id, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WaitInterruptedException(id, e);
    }
    return resultNow();
  }

  @Override
  public boolean isDone() {
    return settled;
  }

  @Override
  public CompletionStage<R> asCompletionStage() {
    // A copy that callers cannot complete; it completes when await() would return.
    return result.minimalCompletionStage();
  }

  private RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new AgentException(id, entryAgent, t.getClass().getSimpleName() + ": " + t.getMessage(), t);
  }

  @Override
  public void cancel() {
    cancel(Cancel.REQUESTED);
  }

  @Override
  public RunStatus status() {
    return status;
  }

  @Override
  public List<PendingApproval> approvals() {
    lock.lock();
    try {
      return List.copyOf(approvals);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public RunUsage usage() {
    return usage.snapshot();
  }

  @Override
  public RunState state() {
    lock.lock();
    try {
      return new RunState(id, engine.graph().name(), entryAgent, entryArguments(), journal.entries(),
          approvals, decisions, engine.fingerprint());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every task the run ever started has finished, abandoned ones included: for tests
   * and shutdown hooks that release stuck work and then need the run's threads gone.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitAllWork() throws InterruptedException {
    for (Execution.Task t : new Execution.Task[] {rootTask, watchdog, listenerTask}) {
      if (t != null) {
        t.awaitDone(Long.MAX_VALUE);
      }
    }
    threads.awaitAll(null, Long.MAX_VALUE);
  }

  /** Live threads the run has started; 0 once the run has ended. */
  public int liveThreads() {
    return threads.liveCount();
  }

  @Override
  public String toString() {
    return "Run[" + id + ", " + status + "]";
  }
}
