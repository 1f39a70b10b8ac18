package dev.baton.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.function.Consumer;

/** Shared helpers for validator tests: build a graph that must fail and inspect its problems. */
final class GraphAssertions {
  private GraphAssertions() {}

  /** A plain LLM agent spec: instructions, one {@code String message} input, {@code String} output. */
  static Consumer<AgentGraph.AgentBuilder> llm() {
    return a -> a.instructions("Do the work.").input("message", String.class).output(String.class);
  }

  /** Builds the graph, which must be invalid, and returns every problem reported. */
  static List<Problem> problemsOf(AgentGraph.Builder builder) {
    InvalidGraphException e = assertThrows(InvalidGraphException.class, builder::build);
    assertEquals(e.problems(), builder.validate(), "build() and validate() must agree");
    return e.problems();
  }

  /** Builds the graph, which must fail with exactly one problem, and returns it. */
  static Problem onlyProblem(AgentGraph.Builder builder) {
    List<Problem> problems = problemsOf(builder);
    if (problems.size() != 1) {
      fail("expected exactly one problem, got " + problems.size() + ":\n" + problems);
    }
    return problems.get(0);
  }

  /**
   * Asserts code, location and message parts of one problem. The parts are in annotation words
   * (what javac users read); the builder message must speak of no annotation.
   */
  static void assertProblem(Problem p, ProblemCode code, String agent, String attribute,
      String value, String... messageParts) {
    assertEquals(code, p.code(), () -> "code of " + p);
    assertEquals(agent, p.agent(), () -> "agent of " + p);
    assertEquals(attribute, p.attribute(), () -> "attribute of " + p);
    assertEquals(value, p.value(), () -> "value of " + p);
    String annotations = p.message(Vocabulary.ANNOTATIONS);
    for (String part : messageParts) {
      assertTrue(annotations.contains(part),
          () -> "message lacks <" + part + ">: " + annotations);
    }
    assertTrue(!p.message().contains("@"), () -> "builder message names an annotation: " + p);
    assertEquals(p.message(), p.message(Vocabulary.BUILDER));
    assertTrue(p.toString().startsWith("[Baton/" + code.code() + "] "), p::toString);
  }

  /** Asserts the graph builds and validates cleanly. */
  static AgentGraph assertValid(AgentGraph.Builder builder) {
    List<Problem> problems = builder.validate();
    assertTrue(problems.isEmpty(), () -> "expected a valid graph, got:\n" + problems);
    return builder.build();
  }
}
