package dev.baton.bench;

import dev.baton.Agent;
import dev.baton.Parallel;

/**
 * The fan-out-3-plus-aggregator system of the {@code fanout3} and {@code startup} workloads: three
 * reviewers run in parallel, one LLM agent aggregates their outcomes. The processor generates
 * {@code PanelRunner} from it when the bench module compiles.
 */
public interface Panel {
  /** Forks the three reviews, then combines them. */
  @Agent(instructions = "Combine the three reviews into one verdict.")
  @Parallel(agents = {"security", "style", "tests"}, timeout = "20s")
  String verdict(String diff);

  /** Looks for security problems. */
  @Agent(description = "Reviews a diff for security problems.",
      instructions = "Review the diff for security problems.")
  String security(String diff);

  /** Looks at style. */
  @Agent(description = "Reviews a diff for style.", instructions = "Review the diff for style.")
  String style(String diff);

  /** Looks at the tests. */
  @Agent(description = "Reviews a diff's tests.", instructions = "Review the diff's tests.")
  String tests(String diff);
}
