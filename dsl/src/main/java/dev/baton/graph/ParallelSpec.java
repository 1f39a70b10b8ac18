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
 */
public record ParallelSpec(List<String> agents, String timeout, boolean failFast, int maxConcurrency) {
  /** Copies the agents. */
  public ParallelSpec {
    agents = List.copyOf(agents);
    timeout = timeout == null ? "" : timeout.strip();
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
