package dev.baton.graph;

import java.util.List;

/** Thrown by {@link AgentGraph.Builder#build()} when the graph breaks rules; lists every problem. */
public final class InvalidGraphException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String graph;
  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param graph the graph's name
   * @param problems every problem found, at least one
   */
  public InvalidGraphException(String graph, List<Problem> problems) {
    super(render(graph, problems));
    this.graph = graph;
    this.problems = List.copyOf(problems);
  }

  private static String render(String graph, List<Problem> problems) {
    StringBuilder sb = new StringBuilder("agent graph ")
        .append(graph)
        .append(" has ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem:" : " problems:");
    for (Problem p : problems) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }

  /** The graph's name. */
  public String graph() {
    return graph;
  }

  /** Every problem, in the order found. */
  public List<Problem> problems() {
    return problems;
  }
}
