package dev.baton.runtime;

import java.util.List;

/**
 * A {@link RunState} cannot be resumed as it is: it belongs to a different version of the graph, its
 * journal is not one the run could have written, it decides calls that are not pending, or its
 * signature does not verify. Nothing of the run has executed when it is thrown. The message and
 * {@link #problems()} say what is wrong.
 */
public class InvalidRunStateException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param runId the run
   * @param summary what is wrong in one sentence, and what to do
   * @param problems each problem found, e.g. {@code agent "shop" has different tools}
   */
  public InvalidRunStateException(String runId, String summary, List<String> problems) {
    super(runId, "", summary + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)), null);
    this.problems = List.copyOf(problems);
  }

  /** Each problem found. */
  public List<String> problems() {
    return problems;
  }
}
