package dev.baton.graph;

import dev.baton.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The fork of a fan-out agent or an aggregating LLM agent.
 *
 * @param agents branch agent names, in result order
 * @param timeout the timeout as written ({@code "20s"}); empty for none
 * @param failFast whether the first failure cancels the siblings and fails the fan-out
 * @param maxConcurrency the most branches in flight; 0 for no bound
 * @param over the input whose elements are forked over, one branch of the single agent in {@code
 *     agents} per element (the element is the agent's first input); empty for a fixed fork
 */
public record ParallelSpec(List<String> agents, String timeout, boolean failFast, int maxConcurrency,
    String over) {
  /** Copies the agents. */
  public ParallelSpec {
    agents = List.copyOf(agents);
    timeout = timeout == null ? "" : timeout.strip();
    over = over == null ? "" : over;
  }

  /**
   * A fixed fork over {@code agents}.
   *
   * @param agents branch agent names, in result order
   * @param timeout the timeout as written; empty for none
   * @param failFast whether the first failure cancels the siblings and fails the fan-out
   * @param maxConcurrency the most branches in flight; 0 for no bound
   */
  public ParallelSpec(List<String> agents, String timeout, boolean failFast, int maxConcurrency) {
    this(agents, timeout, failFast, maxConcurrency, "");
  }

  /** Whether this fork runs its single agent once per element of the {@link #over()} input. */
  public boolean isOverElements() {
    return !over.isEmpty();
  }

  /**
   * The parsed timeout.
   *
   * @return the timeout, or empty if none is set
   * @throws IllegalArgumentException if the timeout text is malformed (the validator reports this
   *     as {@code Timeout} first)
   */
  public Optional<Duration> timeoutDuration() {
    return timeout.isEmpty() ? Optional.empty() : Optional.of(Durations.parse(timeout));
  }
}
