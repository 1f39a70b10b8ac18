package dev.baton.runtime.internal;

import dev.baton.runtime.AgentException;
import dev.baton.runtime.ApprovalRequiredException;
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
import dev.baton.runtime.internal.exec.Exec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * One run: its events, journal, threads and outcome. The entry executes either on the caller's
 * thread (blocking calls) or on a virtual thread of its own ({@link #startAsync}); both go through
 * {@link #execute}, so blocking is streaming with nobody listening.
 *
 * @param <R> the result type
 */
public final class RunImpl<R> implements Run<R> {
  private enum Cancel { REQUESTED, DEADLINE, FATAL }

  final Engine engine;
  final Orchestrator orchestrator;
  final Journal journal;
  final JournalWriter writer;
  final RunThreads threads;
  final Exec exec;
  final AtomicInteger modelCalls = new AtomicInteger();
  final Frame rootFrame;
  private final String id;
  private final RunOptions options;
  private final EventLog events;
  private final CompletableFuture<R> result = new CompletableFuture<>();
  /** Zero once the run has ended; waits for the result go through the exec. */
  private final Exec.Latch ended;
  private final AtomicReference<Cancel> cancel = new AtomicReference<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final List<PendingApproval> approvals = new ArrayList<>();
  private final Map<String, RunState.Decision> decisions;
  private final boolean resumed;
  private volatile RunStatus status = RunStatus.RUNNING;
  private volatile Exec.Task root;
  private final AtomicReference<AgentException> fatal = new AtomicReference<>();
  private volatile Exec.Task rootTask;
  private long startNanos;
  private String entryAgent;
  private String entryArguments;
  private Object[] entryValues;

  RunImpl(Engine engine, Orchestrator orchestrator, RunOptions options, String id, RunState resumeFrom,
      Exec exec) {
    this.engine = engine;
    this.exec = exec;
    this.events = new EventLog(exec::now);
    this.ended = exec.latch(1);
    this.orchestrator = orchestrator;
    this.options = options;
    this.id = id;
    this.threads = new RunThreads(exec, id);
    this.resumed = resumeFrom != null;
    this.writer = new JournalWriter(id, options.journalStore().orElse(null), this::storeFailed);
    this.journal = new Journal(resumeFrom == null ? List.of() : resumeFrom.journal(), writer::append,
        options.journalStore().isPresent());
    this.decisions = resumeFrom == null ? Map.of() : resumeFrom.decisions();
    if (resumeFrom != null) {
      // A resumed run re-enters the same entry; keeping it here keeps state() whole even if the
      // run ends before reaching the entry again.
      this.entryAgent = resumeFrom.entryAgent();
      this.entryArguments = resumeFrom.entryArguments();
      writer.continueFrom(resumeFrom);
    }
    this.rootFrame = new Frame(this, "", null, new Conversation());
  }

  RunOptions options() {
    return options;
  }

  /** Runs the entry on the calling thread and returns its result or throws its failure. */
  R runInline(Callable<? extends R> entry) {
    execute(entry);
    return await();
  }

  /** Runs the entry as new work of the run's exec (a new virtual thread by default). */
  public void startAsync(Callable<? extends R> entry) {
    rootTask = exec.start("baton-" + id, () -> execute(entry));
  }

  // After await() returns, not even the run's own thread is left.
  private void joinRoot() {
    Exec.Task t = rootTask;
    if (t != null) {
      t.join();
    }
  }

  private void execute(Callable<? extends R> entry) {
    root = exec.current();
    startNanos = exec.nanoTime();
    RunListener listener = options.listener();
    Exec.Task listenerTask = listener == RunListener.NONE ? null
        : exec.start("baton-" + id + "-listener", () -> deliver(listener));
    Exec.Latch finished = exec.latch(1);
    Exec.Task watchdog = options.deadline().map(d -> watch(d, finished)).orElse(null);
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
    // Stragglers (branches abandoned at a timeout, calls of a failed turn) end with the run.
    threads.interruptAll();
    threads.awaitAll();
    if (watchdog != null) {
      finished.countDown();
      watchdog.join();
    }
    finish(value, failure);
    events.close();
    if (listenerTask != null) {
      listenerTask.join();
    }
    if (cancel.get() != null) {
      exec.clearCancelled(); // the interrupt was ours, not the caller's
    }
    root = null;
    complete(value, failure);
  }

  private Exec.Task watch(Duration deadline, Exec.Latch finished) {
    long at = exec.nanoTime() + deadline.toNanos();
    return exec.start("baton-" + id + "-deadline", () -> {
      try {
        if (!finished.await(at)) {
          cancel(Cancel.DEADLINE);
        }
      } catch (InterruptedException e) {
        // the run ended first
      }
    });
  }

  private void deliver(RunListener listener) {
    try (Stream<RunEvent> stream = events.stream()) {
      stream.forEach(e -> {
        try {
          listener.onEvent(e);
        } catch (RuntimeException ignored) {
          // a failing listener must not change the run
        }
      });
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

  private Throwable finalFailure;

  private void finish(R value, Throwable failure) {
    Duration took = Duration.ofNanos(exec.nanoTime() - startNanos);
    Throwable f = outcome(failure);
    finalFailure = f;
    if (f == null) {
      status = RunStatus.SUCCEEDED;
      emit((seq, at) -> new RunEvent.RunFinished(id, "", seq, at, RunStatus.SUCCEEDED, took));
    } else if (f instanceof ApprovalRequiredException) {
      status = RunStatus.INTERRUPTED;
      emit((seq, at) -> new RunEvent.RunFinished(id, "", seq, at, RunStatus.INTERRUPTED, took));
    } else {
      Cancel c = cancel.get();
      RunStatus s = c != null && c != Cancel.FATAL ? RunStatus.CANCELLED : RunStatus.FAILED;
      status = s;
      String path = f instanceof AgentException ae ? ae.path() : "";
      String error = f.getClass().getSimpleName() + ": " + f.getMessage();
      emit((seq, at) -> new RunEvent.RunFailed(id, path, seq, at, s, error, took));
    }
  }

  private void complete(R value, Throwable failure) {
    if (finalFailure == null) {
      result.complete(value);
    } else {
      result.completeExceptionally(finalFailure);
    }
    ended.countDown();
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

  /** The failure of work whose thread was interrupted at {@code path}, saying why. */
  RunCancelledException interrupted(String path) {
    return cancel.get() != null ? new RunCancelledException(id, path)
        : new RunCancelledException(id, path, "interrupted: its fan-out branch timed out or a"
            + " sibling branch failed fast");
  }

  boolean isCancelled() {
    return cancel.get() != null;
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
      writer.header(engine.graph().name(), agent, Json.write(entryValues));
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

  private void cancel(Cancel reason) {
    if (status.isDone() || !cancel.compareAndSet(null, reason)) {
      return;
    }
    threads.interruptAll();
    Exec.Task r = root;
    if (r != null) {
      r.cancel();
    }
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

  @Override
  public R await() {
    try {
      ended.await(Long.MAX_VALUE);
      R value = result.get();
      joinRoot();
      return value;
    } catch (InterruptedException e) {
      exec.keepCancelled();
      throw new RunCancelledException(id, "");
    } catch (ExecutionException e) {
      joinRoot();
      throw rethrow(e.getCause());
    }
  }

  @Override
  public R await(Duration timeout) {
    try {
      if (!ended.await(exec.nanoTime() + timeout.toNanos())) {
        throw new RunTimeoutException(id, "", timeout);
      }
      R value = result.get();
      joinRoot();
      return value;
    } catch (InterruptedException e) {
      exec.keepCancelled();
      throw new RunCancelledException(id, "");
    } catch (ExecutionException e) {
      joinRoot();
      throw rethrow(e.getCause());
    }
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
  public RunState state() {
    lock.lock();
    try {
      return new RunState(id, engine.graph().name(), entryAgent, entryArguments(), journal.entries(),
          approvals, decisions);
    } finally {
      lock.unlock();
    }
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
