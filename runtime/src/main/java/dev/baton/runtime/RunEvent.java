package dev.baton.runtime;

import dev.baton.Outcome;
import java.time.Duration;
import java.time.Instant;

/**
 * Something that happened in a run. Every event carries the run id, the agent path it happened
 * at, a sequence number that orders all events of the run, and a timestamp. Events of one path
 * are always in the order they happened; events of concurrent branches interleave.
 *
 * <pre>{@code
 * try (Stream<RunEvent> events = run.events()) {
 *   events.forEach(e -> {
 *     switch (e) {
 *       case RunEvent.TextDelta t -> System.out.print(t.text());
 *       case RunEvent.BranchFinished b -> System.out.println(b.outcome());
 *       default -> { }
 *     }
 *   });
 * }
 * }</pre>
 */
public sealed interface RunEvent {
  /** The run's id. */
  String runId();

  /** The agent path, e.g. {@code frontDesk>billing}, {@code inspect/p78}, {@code boss+worker}. */
  String path();

  /** The position of the event among all events of the run, from 0. */
  long sequence();

  /** When it happened. */
  Instant at();

  /**
   * The run began.
   *
   * @param runId the run
   * @param path empty: the run as a whole
   * @param sequence the position
   * @param at when
   * @param resumed whether the run continues an earlier one from its journal
   */
  record RunStarted(String runId, String path, long sequence, Instant at, boolean resumed)
      implements RunEvent {}

  /**
   * An agent invocation began.
   *
   * @param runId the run
   * @param path the invocation's path
   * @param sequence the position
   * @param at when
   * @param agent the agent's name
   * @param kind {@code LLM}, {@code CODE} or {@code FAN_OUT}
   */
  record AgentStarted(String runId, String path, long sequence, Instant at, String agent, String kind)
      implements RunEvent {}

  /**
   * A piece of a model's answer arrived while streaming.
   *
   * @param runId the run
   * @param path the invocation's path
   * @param sequence the position
   * @param at when
   * @param text the new text
   */
  record TextDelta(String runId, String path, long sequence, Instant at, String text)
      implements RunEvent {}

  /**
   * A model asked for a tool call (including handoff and delegate tools).
   *
   * @param runId the run
   * @param path the calling invocation's path
   * @param sequence the position
   * @param at when
   * @param tool the tool name
   * @param callId the call's id
   * @param arguments the arguments as JSON text
   */
  record ToolCalled(String runId, String path, long sequence, Instant at, String tool, String callId,
      String arguments) implements RunEvent {}

  /**
   * A tool call produced its result.
   *
   * @param runId the run
   * @param path the calling invocation's path
   * @param sequence the position
   * @param at when
   * @param tool the tool name
   * @param callId the call's id
   * @param result what the model sees
   * @param error whether the call failed (the result is then an error message)
   * @param took how long the call ran
   */
  record ToolReturned(String runId, String path, long sequence, Instant at, String tool, String callId,
      String result, boolean error, Duration took) implements RunEvent {}

  /**
   * An agent handed the conversation to another.
   *
   * @param runId the run
   * @param path the source invocation's path
   * @param sequence the position
   * @param at when
   * @param from the source agent
   * @param to the target agent
   * @param back whether the target's output comes back to the source
   */
  record HandoffOccurred(String runId, String path, long sequence, Instant at, String from, String to,
      boolean back) implements RunEvent {}

  /**
   * A back-handoff target finished and its output went back to the source.
   *
   * @param runId the run
   * @param path the target invocation's path
   * @param sequence the position
   * @param at when
   * @param from the target that finished
   * @param to the source that continues
   */
  record HandedBack(String runId, String path, long sequence, Instant at, String from, String to)
      implements RunEvent {}

  /**
   * A fan-out branch began.
   *
   * @param runId the run
   * @param path the branch's path
   * @param sequence the position
   * @param at when
   * @param agent the branch agent
   */
  record BranchStarted(String runId, String path, long sequence, Instant at, String agent)
      implements RunEvent {}

  /**
   * A fan-out branch ended: succeeded, failed or timed out.
   *
   * @param runId the run
   * @param path the branch's path
   * @param sequence the position
   * @param at when
   * @param outcome how it ended
   */
  record BranchFinished(String runId, String path, long sequence, Instant at, Outcome<?> outcome)
      implements RunEvent {}

  /**
   * An agent invocation ended.
   *
   * @param runId the run
   * @param path the invocation's path
   * @param sequence the position
   * @param at when
   * @param agent the agent's name
   * @param took how long it ran
   * @param error the failure's message if it failed, else empty
   */
  record AgentFinished(String runId, String path, long sequence, Instant at, String agent,
      Duration took, String error) implements RunEvent {
    /** Whether the invocation produced an output. */
    public boolean succeeded() {
      return error.isEmpty();
    }
  }

  /**
   * A tool call needs approval; the run will end as {@link RunStatus#INTERRUPTED}.
   *
   * @param runId the run
   * @param path the calling invocation's path
   * @param sequence the position
   * @param at when
   * @param approval what needs approval
   */
  record ApprovalRequested(String runId, String path, long sequence, Instant at,
      PendingApproval approval) implements RunEvent {}

  /**
   * The run ended without failing: succeeded or interrupted for approvals.
   *
   * @param runId the run
   * @param path empty: the run as a whole
   * @param sequence the position
   * @param at when
   * @param status {@link RunStatus#SUCCEEDED} or {@link RunStatus#INTERRUPTED}
   * @param took how long it ran
   */
  record RunFinished(String runId, String path, long sequence, Instant at, RunStatus status,
      Duration took) implements RunEvent {}

  /**
   * The run failed or was cancelled.
   *
   * @param runId the run
   * @param path the path where it failed
   * @param sequence the position
   * @param at when
   * @param status {@link RunStatus#FAILED} or {@link RunStatus#CANCELLED}
   * @param error the failure's type and message
   * @param took how long it ran
   */
  record RunFailed(String runId, String path, long sequence, Instant at, RunStatus status,
      String error, Duration took) implements RunEvent {}

  /**
   * Work of the run did not stop within its grace after it was cancelled (by {@code cancel()}, the
   * deadline, a fan-out timeout or a failing sibling) and was abandoned: typically a tool or model
   * client that ignores interrupts. The run goes on or ends without it; its thread keeps running
   * until the code returns, and whatever it returns is discarded.
   *
   * @param runId the run
   * @param path the path of the invocation the work belonged to
   * @param sequence the position
   * @param at when
   * @param work what was abandoned, e.g. {@code tool refund} or {@code listener}, with its thread
   * @param grace how long the run waited for it after cancelling it
   */
  record WorkAbandoned(String runId, String path, long sequence, Instant at, String work,
      Duration grace) implements RunEvent {}
}
