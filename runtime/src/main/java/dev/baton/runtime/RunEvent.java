package dev.baton.runtime;

import dev.baton.Outcome;
import dev.baton.runtime.model.Usage;
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
   * A model call is being sent: once when the call begins ({@code attempt} 1), and again for each
   * retry of a transient failure (HTTP 429 or 5xx, a lost connection), so a burst of rate limiting
   * shows as attempts. Calls answered from the journal on resume are not made again and have no
   * events.
   *
   * @param runId the run
   * @param path the calling invocation's path
   * @param sequence the position
   * @param at when
   * @param agent the calling agent's name
   * @param model the model name requested; empty for the model's default
   * @param attempt 1 for the first attempt, 2 for the first retry, ...
   * @param retryReason why the previous attempt failed, e.g. {@code HTTP 429: rate limited};
   *     empty on the first attempt
   */
  record ModelCallStarted(String runId, String path, long sequence, Instant at, String agent,
      String model, int attempt, String retryReason) implements RunEvent {}

  /**
   * A model call ended, with an answer or with an error. Every {@link ModelCallStarted} with
   * attempt 1 is followed by exactly one of these on its path.
   *
   * @param runId the run
   * @param path the calling invocation's path
   * @param sequence the position
   * @param at when
   * @param agent the calling agent's name
   * @param model the model name requested; empty for the model's default
   * @param attempts how many attempts the call took: 1 plus its retries
   * @param took the call's latency, from sending the first attempt to the end of the answer
   *     (waits between attempts included)
   * @param finishReason why the model stopped ({@code stop}, {@code tool_calls}, {@code length},
   *     ...), as the server says; empty if unknown or failed
   * @param usage the tokens the call used, as the server reported them; {@link Usage#NONE} if it
   *     reported none or the call failed
   * @param responseId the server's id of the response; empty if none
   * @param responseModel the model that answered, as the server names it; empty if none
   * @param error the failure's type and message if the call failed or was abandoned, else empty
   */
  record ModelCallFinished(String runId, String path, long sequence, Instant at, String agent,
      String model, int attempts, Duration took, String finishReason, Usage usage,
      String responseId, String responseModel, String error) implements RunEvent {
    /** Whether the call produced an answer. */
    public boolean succeeded() {
      return error.isEmpty();
    }
  }

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
   * An LLM agent's final answer did not parse as its output type, so the model is sent the problem
   * and asked once to answer again with JSON matching the schema (the structured-output repair of
   * DESIGN section 4). A second answer that does not parse fails the agent with {@link
   * ModelBehaviorException}.
   *
   * @param runId the run
   * @param path the invocation's path
   * @param sequence the position
   * @param at when
   * @param agent the agent's name
   * @param expected the output type the answer should have been, e.g. {@code Verdict}
   * @param problem why the answer did not parse, as the model is told
   */
  record OutputRepairRequested(String runId, String path, long sequence, Instant at, String agent,
      String expected, String problem) implements RunEvent {}

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
   * @param usage the tokens and model calls of the whole run, by agent path
   */
  record RunFinished(String runId, String path, long sequence, Instant at, RunStatus status,
      Duration took, RunUsage usage) implements RunEvent {
    /** Checks the components; a null usage becomes {@link RunUsage#NONE}. */
    public RunFinished {
      usage = usage == null ? RunUsage.NONE : usage;
    }

    /**
     * The event without usage figures.
     *
     * @param runId the run
     * @param path empty
     * @param sequence the position
     * @param at when
     * @param status how it ended
     * @param took how long it ran
     */
    public RunFinished(String runId, String path, long sequence, Instant at, RunStatus status,
        Duration took) {
      this(runId, path, sequence, at, status, took, RunUsage.NONE);
    }
  }

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
   * @param usage the tokens and model calls of the whole run until it ended, by agent path
   */
  record RunFailed(String runId, String path, long sequence, Instant at, RunStatus status,
      String error, Duration took, RunUsage usage) implements RunEvent {
    /** Checks the components; a null usage becomes {@link RunUsage#NONE}. */
    public RunFailed {
      usage = usage == null ? RunUsage.NONE : usage;
    }

    /**
     * The event without usage figures.
     *
     * @param runId the run
     * @param path where it failed
     * @param sequence the position
     * @param at when
     * @param status how it ended
     * @param error the failure
     * @param took how long it ran
     */
    public RunFailed(String runId, String path, long sequence, Instant at, RunStatus status,
        String error, Duration took) {
      this(runId, path, sequence, at, status, error, took, RunUsage.NONE);
    }
  }

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
