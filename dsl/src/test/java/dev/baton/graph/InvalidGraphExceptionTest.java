package dev.baton.graph;

import static dev.baton.graph.GraphAssertions.llm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The exception lists every problem, each with its code prefix. */
class InvalidGraphExceptionTest {

  @Test
  void listsEveryProblemWithItsCode() {
    AgentGraph.Builder b = AgentGraph.builder("Support")
        .llmAgent("frontDesk", llm())
        .llmAgent("billing", a -> a.input("problem", String.class))
        .fanOut("fan", a -> a.input("message", String.class).parallel("frontDesk").timeout("soon"))
        .handoff("frontDesk", "biling", true);
    InvalidGraphException e = assertThrows(InvalidGraphException.class, b::build);

    assertEquals("Support", e.graph());
    List<ProblemCode> codes = e.problems().stream().map(Problem::code).toList();
    assertEquals(List.of(ProblemCode.AGENT_SIGNATURE, ProblemCode.TIMEOUT, ProblemCode.UNKNOWN_AGENT),
        codes);
    String[] lines = e.getMessage().split("\n");
    assertEquals(4, lines.length, e.getMessage());
    assertEquals("agent graph Support has 3 problems:", lines[0]);
    for (int i = 0; i < 3; i++) {
      Problem p = e.problems().get(i);
      assertEquals("  [Baton/" + p.code().code() + "] " + p.message(), lines[i + 1]);
    }
    assertEquals("  [Baton/UnknownAgent] handoff(\"frontDesk\", \"biling\") target \"biling\" is not"
        + " an agent of graph Support; did you mean \"billing\"?", lines[3]);
  }

  @Test
  void singleProblemIsSingular() {
    InvalidGraphException e = assertThrows(InvalidGraphException.class,
        () -> AgentGraph.builder("S").llmAgent("a", x -> x.maxTurns(0).instructions("i")).build());
    assertEquals("agent graph S has 1 problem:\n  [Baton/MaxTurns] maxTurns of \"a\" is 0;"
        + " it must be at least 1 (each turn is one model call)", e.getMessage());
  }

  @Test
  void problemsAreImmutable() {
    InvalidGraphException e = new InvalidGraphException("S",
        new java.util.ArrayList<>(List.of(new Problem(ProblemCode.TIMEOUT, "a", null, null,
            java.util.Map.of("agent", "a", "reason", "timeout \"x\" is not a duration")))));
    assertThrows(UnsupportedOperationException.class, () -> e.problems().clear());
    Problem p = e.problems().get(0);
    assertEquals("", p.attribute());
    assertEquals("", p.value());
    assertEquals("[Baton/Timeout] timeout \"x\" is not a duration (on \"a\")", p.toString());
    assertThrows(UnsupportedOperationException.class, () -> p.arguments().clear());
  }

  @Test
  void everyCodeHasItsPrefix() {
    assertEquals("[Baton/UnknownAgent]", ProblemCode.UNKNOWN_AGENT.prefix());
    assertEquals("[Baton/RecursiveCall]", ProblemCode.RECURSIVE_CALL.prefix());
    assertEquals("DuplicateTool", ProblemCode.DUPLICATE_TOOL.code());
    assertEquals("TemplatePlaceholder", ProblemCode.TEMPLATE_PLACEHOLDER.code());
  }
}
