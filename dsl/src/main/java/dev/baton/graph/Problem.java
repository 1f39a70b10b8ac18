package dev.baton.graph;

import java.util.Objects;

/**
 * One broken rule of an agent graph, with where it is: the agent, the annotation attribute and the
 * offending value, so that a compiler can underline exactly {@code to = "biling"}.
 *
 * @param code the rule
 * @param agent the agent the problem is reported on
 * @param attribute the attribute holding the offending value, e.g. {@code Handoff.to}, {@code
 *     Parallel.timeout}, {@code Agent.prompt}; empty for the agent as a whole
 * @param value the offending value as written, e.g. {@code biling}; empty if none
 * @param message the rule, stated about the subject in the present tense, with a suggestion
 */
public record Problem(ProblemCode code, String agent, String attribute, String value, String message) {
  /** Checks the components. */
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    agent = agent == null ? "" : agent;
    attribute = attribute == null ? "" : attribute;
    value = value == null ? "" : value;
  }

  /** The message with its code prefix: {@code [Baton/UnknownAgent] @Handoff target ...}. */
  @Override
  public String toString() {
    return code.prefix() + " " + message;
  }
}
