package dev.baton.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * One run of an agent system, started with {@code runner.start(...)}: a one-shot handle to watch,
 * await or cancel it. Thread-safe.
 *
 * <pre>{@code
 * Run<String> run = runner.start(s -> s.frontDesk("I was charged twice"));
 * try (Stream<RunEvent> events = run.events()) {
 *   events.forEach(System.out::println);
 * }
 * String answer = run.await();
 * }</pre>
 *
 * @param <R> the type of the result
 */
public interface Run<R> {
  /** The run's id. */
  String id();

  /**
   * Every event of the run from its start, from every branch; the stream blocks for new events
   * and ends when the run ends. Events are buffered without loss, so a slow consumer never slows
   * the run, and every call returns a new stream from the first event. A reader blocked waiting for
   * the next event that is interrupted gets {@link WaitInterruptedException} (its interrupt flag
   * set again).
   *
   * @return the events in sequence order
   */
  Stream<RunEvent> events();

  /**
   * Waits for the run to end and returns its result, like {@link java.util.concurrent.Future#get()}.
   * Returns no later than {@link RunOptions#cancelGrace()} after the run is cancelled or its
   * deadline passes, even if some of its work ignores interrupts.
   *
   * @return the result
   * @throws AgentException the run's failure, as thrown (e.g. {@link RunCancelledException}, {@link
   *     RunTimeoutException} for the run's deadline, {@link ApprovalRequiredException})
   * @throws WaitInterruptedException if the waiting thread is interrupted: the interrupt flag is set
   *     again and the run goes on
   */
  R await();

  /**
   * Waits at most {@code timeout} for the run to end, like {@link
   * java.util.concurrent.Future#get(long, java.util.concurrent.TimeUnit)}. A wait that runs out
   * says so and changes nothing: the run goes on and its {@link #status()} is untouched.
   *
   * @param timeout how long to wait
   * @return the result
   * @throws WaitTimeoutException if the run has not ended in time
   * @throws WaitInterruptedException if the waiting thread is interrupted (its flag is set again)
   * @throws AgentException the run's failure, as thrown
   */
  R await(Duration timeout);

  /**
   * Whether the run has ended (succeeded, failed, was cancelled or paused for approval), so that
   * {@link #await()} returns at once. Like {@link java.util.concurrent.Future#isDone()}.
   *
   * @return whether it has ended
   */
  default boolean isDone() {
    return status().isDone();
  }

  /**
   * The run's result as a {@link CompletionStage}: completes when {@link #await()} would return,
   * with the result or the run's failure. Dependent actions run on the run's thread that ends it
   * unless an executor is given ({@code thenApplyAsync(f, executor)}); keep them short or use one.
   * The stage cannot be completed by its users; {@code toCompletableFuture()} returns a copy.
   *
   * @return the stage
   */
  default CompletionStage<R> asCompletionStage() {
    // Implementations that hold a future return it; this one waits on a virtual thread of its own.
    java.util.concurrent.CompletableFuture<R> f = new java.util.concurrent.CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        f.complete(await());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    return f.minimalCompletionStage();
  }

  /**
   * Cancels the run: every task of the run is interrupted, model calls are abandoned, nothing new
   * starts, and {@link #await()} throws {@link RunCancelledException} within {@link
   * RunOptions#cancelGrace()}. On a run that has already ended, it interrupts whatever still runs
   * for it (a stuck listener, abandoned work) and changes nothing else.
   */
  void cancel();

  /** Where the run is. */
  RunStatus status();

  /** The tool calls waiting for approval; empty unless {@link RunStatus#INTERRUPTED}. */
  List<PendingApproval> approvals();

  /** The state to resume the run from: its journal, entry and pending approvals. */
  RunState state();

  /**
   * The tokens used and model calls made so far, in all and per agent path; the final figures once
   * the run has ended (also carried by {@link RunEvent.RunFinished} and {@link
   * RunEvent.RunFailed}). Implementations that do not count usage return {@link RunUsage#NONE}.
   *
   * @return a snapshot
   */
  default RunUsage usage() {
    return RunUsage.NONE;
  }
}
