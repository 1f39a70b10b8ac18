package dev.baton.runtime.session;

import dev.baton.runtime.model.Message;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one call through a {@link Session} added to its conversation: the user input and the final
 * output of the entry agent, and the inputs and outputs of every agent that took over the entry's
 * conversation by a one-way handoff or was called by a code-agent entry. Tool calls and their
 * results stay inside the invocations that made them and are not part of an exchange.
 *
 * @param runId the id of the run that made the exchange; a store keeps at most one exchange per
 *     run id in a session, which is how a resumed run completes its turn exactly once. A summary
 *     written by {@link Session#keepLast(int, Summarizer)} has a run id starting with {@code
 *     summary-}
 * @param agent the agent that gave the final answer (the last of a chain of one-way handoffs, or
 *     the entry); empty for a summary
 * @param messages the messages, in conversation order
 * @param at when the exchange was stored (UTC, millisecond precision)
 */
public record Exchange(String runId, String agent, List<Message> messages, Instant at) {
  /** Checks the components and copies the messages. */
  public Exchange {
    Objects.requireNonNull(runId, "runId");
    agent = agent == null ? "" : agent;
    messages = List.copyOf(messages);
    Objects.requireNonNull(at, "at");
  }

  /** Whether this exchange stands for exchanges a {@link Summarizer} replaced. */
  public boolean isSummary() {
    return runId.startsWith(SUMMARY_PREFIX);
  }

  /** The run-id prefix of summaries. */
  public static final String SUMMARY_PREFIX = "summary-";
}
