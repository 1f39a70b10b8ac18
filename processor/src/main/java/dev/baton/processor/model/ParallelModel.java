package dev.baton.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;

/**
 * The {@code @Parallel} of an agent.
 *
 * @param mirror the annotation
 * @param agents the branch agents, in result order
 * @param timeout the timeout as written; empty for none
 * @param failFast whether the first failure cancels the other branches
 * @param maxConcurrency the most branches in flight; 0 for no bound
 * @param over the parameter forked over, one branch per element; empty for a fixed fork
 */
public record ParallelModel(AnnotationMirror mirror, List<String> agents, String timeout,
    boolean failFast, int maxConcurrency, String over) {
  /** Copies the agents. */
  public ParallelModel {
    agents = List.copyOf(agents);
  }
}
