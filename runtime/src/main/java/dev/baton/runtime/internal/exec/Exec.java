package dev.baton.runtime.internal.exec;

import dev.baton.runtime.RunContext;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.ToolInvoker;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import java.time.Instant;

/**
 * Everything the run loop does that is not pure computation: starting concurrent work, waiting,
 * cancelling, reading the clock, making ids, and calling the model and tools. The default ({@link
 * VirtualThreadExec}) runs work on virtual threads and cancels by interrupt; a durable engine's
 * implementation (Temporal) runs it as deterministic workflow code with activities, promises,
 * timers and cancellation scopes.
 *
 * <p>Rules for run-loop code: no {@code Thread}, executor, blocking lock wait, {@code
 * System.nanoTime}, {@code Instant.now} or random id except through here. Locks held only for
 * a few non-blocking instructions are fine in both implementations. A wait ends with {@link
 * InterruptedException} when the waiting work is cancelled.
 */
public interface Exec {
  /**
   * Starts {@code work} concurrently with the caller.
   *
   * @param name a name for diagnostics (thread names)
   * @param work the work; it should not throw
   * @return its handle
   */
  Task start(String name, Runnable work);

  /** The handle of the work running on the caller, to cancel it from elsewhere. */
  Task current();

  /** A new count-down latch; waits are cancellable. */
  Latch latch(int count);

  /** A new set of permits bounding concurrent work; waits are cancellable. */
  Permits permits(int count);

  /** A monotonic clock in nanoseconds, for durations and deadlines of this exec's waits. */
  long nanoTime();

  /** The wall-clock time for event timestamps. */
  Instant now();

  /** A new unique run id. */
  String newRunId();

  /**
   * Records a choice the run made (where an invocation's n-th call went) in a durable engine's
   * history, or, when the engine replays the run, returns what was recorded then; the caller
   * compares, so code agents that diverge on replay are detected as on resume.
   *
   * @param key the journal key of the choice
   * @param value the choice made now
   * @return the recorded choice ({@code value} where nothing replays)
   */
  String remember(String key, String value);

  /** Whether the work running on the caller has been cancelled. */
  boolean cancelled();

  /**
   * Keeps the cancellation visible after a caller caught the {@link InterruptedException} of a
   * wait (re-interrupts the thread where cancellation is by interrupt).
   */
  void keepCancelled();

  /** Forgets a cancellation of the work running on the caller (its interrupt), once handled. */
  void clearCancelled();

  /**
   * Calls the model.
   *
   * @param step the step's journal key ({@code path#m<turn>}), unique in the run
   * @param model the model configured on the runner
   * @param request the request
   * @param listener receives streamed text where the implementation can stream
   * @return the response
   * @throws InterruptedException if the calling work is cancelled
   */
  ModelResponse callModel(String step, Model model, ModelRequest request, ModelListener listener)
      throws InterruptedException;

  /**
   * Calls one tool.
   *
   * @param step the step's journal key ({@code path#t<turn>:<callId>}), unique in the run
   * @param owner the tool class's qualified name
   * @param invoker the generated invoker of that class
   * @param tool the tool's name
   * @param arguments the model's arguments
   * @param context the run context for {@code @Context} parameters
   * @return the tool's value ({@code null} for none)
   * @throws Exception what the tool throws; {@link InterruptedException} if the work is cancelled
   */
  Object invokeTool(String step, String owner, ToolInvoker invoker, String tool,
      ToolArguments arguments, RunContext context) throws Exception;

  /** Started work. */
  interface Task {
    /** Cancels the work (interrupts it); no effect once it has ended. */
    void cancel();

    /** Waits until the work has ended, whatever cancellations the waiter gets. */
    void join();

    /**
     * Waits until the work has ended.
     *
     * @throws InterruptedException if the waiting work is cancelled
     */
    void joinCancellably() throws InterruptedException;

    /** Whether the work has ended. */
    boolean isDone();
  }

  /** A count-down latch. */
  interface Latch {
    /** Counts down by one. */
    void countDown();

    /**
     * Waits for zero.
     *
     * @param deadlineNanos on {@link Exec#nanoTime()}, or {@link Long#MAX_VALUE} for no deadline
     * @return whether the count reached zero before the deadline
     * @throws InterruptedException if the waiting work is cancelled
     */
    boolean await(long deadlineNanos) throws InterruptedException;
  }

  /** Permits bounding concurrent work. */
  interface Permits {
    /**
     * Takes one permit.
     *
     * @param deadlineNanos on {@link Exec#nanoTime()}, or {@link Long#MAX_VALUE} for no deadline
     * @return whether a permit was taken before the deadline
     * @throws InterruptedException if the waiting work is cancelled
     */
    boolean acquire(long deadlineNanos) throws InterruptedException;

    /** Returns one permit. */
    void release();
  }
}
