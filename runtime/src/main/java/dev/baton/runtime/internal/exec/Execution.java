package dev.baton.runtime.internal.exec;

import dev.baton.graph.ToolSpec;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.ToolInvoker;
import dev.baton.runtime.Toolset;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Everything the run loop needs from its environment: starting the tasks of a run (branches, tool
 * calls, watchdogs), time, waiting, and new ids. The loop never touches threads, clocks, locks for
 * waiting or random sources directly, so it can run on virtual threads ({@link
 * VirtualThreadExecution}, the default) or inside a deterministic workflow engine.
 *
 * <p>The contract is shaped so that a Temporal workflow can implement it with workflow-safe calls
 * only: {@link #start} with {@code Async.procedure} inside a {@code CancellationScope} (cancel =
 * {@code scope.cancel()}), {@link #awaitUntil} with {@code Workflow.await(Duration, condition)},
 * {@link #nanoTime()} and {@link #now()} with {@code Workflow.currentTimeMillis()}, {@link
 * #newId()} with {@code Workflow.randomUUID()}, and {@link #signal()} as a no-op (Temporal
 * re-evaluates await conditions by itself). It never asks for a thread, a blocking lock held across
 * a wait, or {@code System.nanoTime}.
 *
 * <p>Rules for the run loop: every wait is {@link #awaitUntil}, whose condition reads state that is
 * changed only by code that calls {@link #signal()} afterwards; conditions are cheap and never
 * block. Tasks are cancelled with {@link Task#cancel()}, which for the virtual-thread
 * implementation interrupts the task's thread, also when it has not started yet.
 *
 * <p>Internal API: not for users; may change in any release. Implementations are thread-safe.
 */
public interface Execution {
  /**
   * A task body told when its task is done: {@link #afterDone()} runs on the task after {@link
   * Task#isDone()} has turned true and before the task's last {@link Execution#signal()}. A waiter
   * woken by what it changes therefore finds the task done, and a later {@link Task#awaitDone} of
   * that task does not wait again for the last instructions of a body that has already reported
   * its end (the fan-out counts its branches down here, not at the end of their bodies).
   */
  interface CompletingBody extends Runnable {
    /** Runs once per task, after the body and after the task is done; must not block or throw. */
    void afterDone();
  }

  /** A task of a run, started with {@link Execution#start}. Thread-safe. */
  interface Task {
    /**
     * Cancels the task: it is interrupted if running, and interrupted as it starts if it has not
     * started yet. Idempotent; returns at once.
     */
    void cancel();

    /** Whether the task's body has returned or thrown. */
    boolean isDone();

    /** The task's name, as given to {@link Execution#start}. */
    String name();

    /**
     * Waits until the task is done and whatever ran it has gone (the virtual-thread implementation
     * joins the thread), or until {@link Execution#nanoTime()} reaches {@code deadlineNanos}.
     *
     * @param deadlineNanos the deadline on the {@link Execution#nanoTime()} scale; {@link Long#MAX_VALUE}
     *     for none
     * @return whether the task is done
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitDone(long deadlineNanos) throws InterruptedException;
  }

  /**
   * Starts {@code body} as a new task of the run, concurrently with the caller. When the body ends,
   * the task is done, a {@link CompletingBody}'s {@link CompletingBody#afterDone()} has run, and
   * {@link #signal()} has been called, in that order. The body's exceptions are the body's
   * business: it must catch what it wants reported. An implementation that runs {@code body}
   * inside a wrapper of its own must still call {@code afterDone()} on {@code body} itself: a
   * fan-out counts its branches out there, so without that call a fan-out never frees a {@code
   * maxConcurrency} slot and, without a timeout, never ends.
   *
   * @param name names the task in thread dumps and reports, e.g. the branch path
   * @param body the work
   * @return the task
   */
  Task start(String name, Runnable body);

  /**
   * Monotonic time in nanoseconds, for deadlines and durations; only differences are meaningful.
   *
   * @return the time
   */
  long nanoTime();

  /**
   * Wall-clock time, for timestamps of events.
   *
   * @return the instant
   */
  Instant now();

  /**
   * Waits until {@code condition} holds or {@link #nanoTime()} reaches {@code deadlineNanos},
   * whichever comes first. The condition is evaluated at once and again after every {@link
   * #signal()} and whenever the clock moves; an implementation may evaluate it more often (the
   * virtual-thread one polls it for a few microseconds on a platform thread before it parks), so it
   * must give the same answer however often it is read.
   *
   * @param condition what to wait for; cheap, non-blocking, side-effect free
   * @param deadlineNanos the deadline on the {@link #nanoTime()} scale; {@link Long#MAX_VALUE} for
   *     none
   * @return whether the condition holds (false: the deadline came first)
   * @throws InterruptedException if the waiting thread is interrupted (the virtual-thread
   *     implementation) or its scope is cancelled; the condition is not re-checked then
   */
  boolean awaitUntil(BooleanSupplier condition, long deadlineNanos) throws InterruptedException;

  /** Wakes every {@link #awaitUntil} so that it re-evaluates its condition. Cheap; never blocks. */
  void signal();

  /**
   * A new unique id, e.g. for a run: 128 bits, time-ordered where the implementation can.
   *
   * @return the id, 32 lowercase hex digits
   */
  String newId();

  /**
   * Calls the model. The default calls it on the caller's thread; a durable engine's execution
   * makes the call an activity, recorded in its history.
   *
   * @param step the step's journal key ({@code path#m<turn>}), unique in the run
   * @param model the model of the runner
   * @param request the request
   * @param listener receives streamed text where the call can stream
   * @return the response
   * @throws InterruptedException if the calling task is cancelled
   */
  default ModelResponse callModel(String step, Model model, ModelRequest request,
      ModelListener listener) throws InterruptedException {
    return model.respond(request, listener);
  }

  /**
   * Calls one tool. The default calls it on the caller's thread; a durable engine's execution makes
   * the call an activity.
   *
   * @param step the step's journal key ({@code path#t<turn>:<callId>}), unique in the run
   * @param owner the tool class's qualified name
   * @param invoker the generated invoker of that class
   * @param tool the tool's name
   * @param arguments the model's arguments
   * @param context the run context for {@code @Context} parameters
   * @return the tool's value, null for none
   * @throws Exception what the tool throws; {@link InterruptedException} if the task is cancelled
   */
  default Object invokeTool(String step, String owner, ToolInvoker invoker, String tool,
      ToolArguments arguments, RunContext context) throws Exception {
    return invoker.invoke(tool, arguments, context);
  }

  /**
   * Lists the tools of a toolset for one model turn. The default asks the toolset on the caller's
   * thread; a durable engine's execution asks it where side effects run (the listing may reach a
   * server) and records the answer, so a replay offers the same tools.
   *
   * @param step the turn's journal key ({@code path#m<turn>}) and the toolset name, for reports
   * @param toolset the name agents list the toolset under
   * @param source the toolset
   * @return the tools offered now
   * @throws RuntimeException if the tools cannot be listed; the turn then offers the others
   */
  default List<ToolSpec> listTools(String step, String toolset, Toolset source) {
    return source.tools();
  }

  /**
   * Calls one tool of a toolset. The default calls it on the caller's thread; a durable engine's
   * execution makes the call an activity, as for {@link #invokeTool}.
   *
   * @param step the step's journal key ({@code path#t<turn>:<callId>}), unique in the run
   * @param toolset the name agents list the toolset under
   * @param source the toolset
   * @param tool the tool's name
   * @param arguments the model's arguments
   * @param context the run context
   * @return the tool's value, null for none
   * @throws Exception what the toolset throws; {@link InterruptedException} if the task is
   *     cancelled
   */
  default Object callToolset(String step, String toolset, Toolset source, String tool,
      ToolArguments arguments, RunContext context) throws Exception {
    return source.call(tool, arguments, context);
  }

  /**
   * Records a choice the run made (where an invocation's n-th call went) in a durable engine's
   * history, or, when the engine replays the run, returns the choice recorded then; the caller
   * compares, so a code agent that diverges on replay is detected as on resume. The default keeps
   * nothing and returns {@code value}.
   *
   * @param key the journal key of the choice
   * @param value the choice made now
   * @return the recorded choice
   */
  default String remember(String key, String value) {
    return value;
  }
}
