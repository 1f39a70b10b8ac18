package dev.baton.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One broken rule of an agent graph, as data: the rule's code, where it is (the agent, the
 * attribute and the offending value, so that a compiler can underline exactly {@code to =
 * "biling"}), and the rule's arguments by name. The text is rendered from these on demand, in the
 * vocabulary of annotations or of the fluent builder ({@link #message(Vocabulary)}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the rule
 * @param agent the agent the problem is reported on
 * @param attribute the attribute holding the offending value, e.g. {@code Handoff.to}, {@code
 *     Parallel.timeout}, {@code Agent.prompt}; empty for the agent as a whole
 * @param value the offending value as written, e.g. {@code biling}; empty if none
 * @param arguments the rule's arguments by name, in a stable order (which names each code uses is
 *     listed in {@code docs/diagnostics.md}); e.g. {@code target=biling, graph=Support,
 *     suggestion=billing}
 */
public record Problem(ProblemCode code, String agent, String attribute, String value,
    Map<String, String> arguments) {
  /** Checks the components and copies the arguments, keeping their order. */
  public Problem {
    Objects.requireNonNull(code, "code");
    agent = agent == null ? "" : agent;
    attribute = attribute == null ? "" : attribute;
    value = value == null ? "" : value;
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }

  /**
   * An argument of the rule.
   *
   * @param name the argument's name
   * @return its value; empty if the rule did not set it
   */
  public String argument(String name) {
    return arguments.getOrDefault(name, "");
  }

  /**
   * The rule stated about its subject in the present tense, with a fix, in the given words.
   *
   * @param vocabulary annotation or builder words
   * @return the text, without the code prefix
   */
  public String message(Vocabulary vocabulary) {
    return ProblemMessages.render(this, vocabulary);
  }

  /** The message in the fluent builder's words ({@link Vocabulary#BUILDER}). */
  public String message() {
    return message(Vocabulary.BUILDER);
  }

  /** The builder message with its code prefix: {@code [Baton/UnknownAgent] handoff(...) ...}. */
  @Override
  public String toString() {
    return code.prefix() + " " + message();
  }
}
