package dev.baton.graph;

import static dev.baton.graph.GraphAssertions.assertProblem;
import static dev.baton.graph.GraphAssertions.assertValid;
import static dev.baton.graph.GraphAssertions.llm;
import static dev.baton.graph.GraphAssertions.onlyProblem;
import static dev.baton.graph.GraphAssertions.problemsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RecursiveCall: cycles of call-and-return edges, printed as one whole path. */
class RecursiveCallRuleTest {

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static void assertPathOnce(Problem p, String path) {
    assertEquals(1, occurrences(p.message(), path), () -> "path printed once: " + p.message());
    assertEquals(path.split("→").length - 1, occurrences(p.message(), "→"),
        () -> "no other arrows: " + p.message());
  }

  @Test
  void twoBackHandoffsFormACycle() {
    Problem p = onlyProblem(AgentGraph.builder("Desk")
        .llmAgent("frontDesk", llm())
        .llmAgent("billing", llm())
        .handoff("frontDesk", "billing", true)
        .handoff("billing", "frontDesk", true));
    assertProblem(p, ProblemCode.RECURSIVE_CALL, "frontDesk", "Handoff.to", "billing",
        "agents call each other in a cycle: frontDesk → billing → frontDesk",
        "a one-way @Handoff may loop");
    assertPathOnce(p, "frontDesk → billing → frontDesk");
  }

  @Test
  void twoDelegatesFormACycle() {
    Problem p = onlyProblem(AgentGraph.builder("Team")
        .llmAgent("lead", llm())
        .llmAgent("worker", llm())
        .delegate("worker", "lead")
        .delegate("lead", "worker"));
    assertProblem(p, ProblemCode.RECURSIVE_CALL, "lead", "Delegate.to", "worker",
        "lead → worker → lead");
    assertPathOnce(p, "lead → worker → lead");
  }

  @Test
  void threeCycleThroughCallDelegateAndBranch() {
    Problem p = onlyProblem(AgentGraph.builder("Mixed")
        .codeAgent("a", x -> x.input("message", String.class).output(String.class))
        .llmAgent("b", llm())
        .fanOut("c", x -> x.input("message", String.class).output(String.class).parallel("a"))
        .call("a", "b")
        .delegate("b", "c"));
    assertProblem(p, ProblemCode.RECURSIVE_CALL, "a", "call", "b", "a → b → c → a");
    assertPathOnce(p, "a → b → c → a");
  }

  @Test
  void threeCycleOfBackHandoffsStartsAtTheFirstDeclaredAgent() {
    Problem p = onlyProblem(AgentGraph.builder("Ring")
        .llmAgent("c", llm())
        .llmAgent("a", llm())
        .llmAgent("b", llm())
        .handoff("a", "b", true)
        .handoff("b", "c", true)
        .handoff("c", "a", true));
    assertProblem(p, ProblemCode.RECURSIVE_CALL, "c", "Handoff.to", "a", "c → a → b → c");
    assertPathOnce(p, "c → a → b → c");
  }

  @Test
  void shortestCycleIsPrinted() {
    // a → b → a and a → b → c → a share a component; the shortest cycle from a is printed.
    Problem p = onlyProblem(AgentGraph.builder("Knot")
        .llmAgent("a", llm())
        .llmAgent("b", llm())
        .llmAgent("c", llm())
        .delegate("a", "b")
        .delegate("b", "c")
        .delegate("c", "a")
        .delegate("b", "a"));
    assertPathOnce(p, "a → b → a");
  }

  @Test
  void separateCyclesAreEachReported() {
    List<Problem> problems = problemsOf(AgentGraph.builder("Two")
        .llmAgent("a", llm()).llmAgent("b", llm())
        .llmAgent("x", llm()).llmAgent("y", llm())
        .delegate("a", "b").delegate("b", "a")
        .delegate("x", "y").delegate("y", "x"));
    assertEquals(2, problems.size(), problems::toString);
    assertPathOnce(problems.get(0), "a → b → a");
    assertPathOnce(problems.get(1), "x → y → x");
  }

  @Test
  void oneWayHandoffRingIsLegal() {
    assertValid(AgentGraph.builder("Router")
        .llmAgent("router", llm())
        .llmAgent("sales", llm())
        .llmAgent("refunds", llm())
        .handoff("router", "sales", false)
        .handoff("sales", "refunds", false)
        .handoff("refunds", "router", false));
  }

  @Test
  void oneWayHandoffClosingABackHandoffIsLegal() {
    assertValid(AgentGraph.builder("Desk")
        .llmAgent("frontDesk", llm())
        .llmAgent("billing", llm())
        .handoff("frontDesk", "billing", true)
        .handoff("billing", "frontDesk", false));
  }

  @Test
  void diamondWithoutCycleIsLegal() {
    assertValid(AgentGraph.builder("Diamond")
        .codeAgent("top", x -> x.input("message", String.class))
        .llmAgent("left", llm())
        .llmAgent("right", llm())
        .llmAgent("bottom", llm())
        .call("top", "left").call("top", "right")
        .delegate("left", "bottom").delegate("right", "bottom"));
  }
}
