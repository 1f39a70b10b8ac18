package dev.baton.runtime;

import java.time.Duration;
import java.util.List;
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
   * the run, and every call returns a new stream from the first event.
   *
   * @return the events in sequence order
   */
  Stream<RunEvent> events();

  /**
   * Waits for the result.
   *
   * @return the result
   * @throws AgentException the failure, as thrown (e.g. {@link RunCancelledException}, {@link
   *     ApprovalRequiredException})
   */
  R await();

  /**
   * Waits at most {@code timeout} for the result; the run goes on if the wait times out.
   *
   * @param timeout how long to wait
   * @return the result
   * @throws RunTimeoutException if the run has not ended in time
   * @throws AgentException the failure, as thrown
   */
  R await(Duration timeout);

  /**
   * Cancels the run: every thread of the run is interrupted, model calls are abandoned, and {@link
   * #await()} throws {@link RunCancelledException}. No effect on an ended run.
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
