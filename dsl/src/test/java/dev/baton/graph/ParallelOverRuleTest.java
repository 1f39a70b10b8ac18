package dev.baton.graph;

import static dev.baton.graph.GraphAssertions.assertProblem;
import static dev.baton.graph.GraphAssertions.assertValid;
import static dev.baton.graph.GraphAssertions.onlyProblem;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A fork over the elements of an input (OverParameter, OverBranches, and BranchInput's element
 * rule): the element is the branch's first input; its other inputs bind by name.
 */
class ParallelOverRuleTest {
  record Claim(String text) {}

  record Verdict(boolean holds) {}

  private static AgentGraph.Builder checks(java.lang.reflect.Type claims, String over,
      java.lang.reflect.Type element, String... agents) {
    return AgentGraph.builder("Claims")
        .fanOut("checkAll", a -> a.input("claims", claims).input("policy", String.class)
            .output(Verdict.class).parallel(agents).over(over))
        .llmAgent("checkClaim", a -> a.instructions("Check.").input("claim", element)
            .input("policy", String.class).output(Verdict.class))
        .llmAgent("other", a -> a.instructions("Other.").input("claim", element)
            .output(Verdict.class));
  }

  @Test
  void listSetAndArrayOfTheElementTypeAreFine() {
    assertValid(checks(Types.listOf(Claim.class), "claims", Claim.class, "checkClaim"));
    assertValid(checks(Types.parameterized(Set.class, Claim.class), "claims", Claim.class,
        "checkClaim"));
    assertValid(checks(Claim[].class, "claims", Claim.class, "checkClaim"));
  }

  @Test
  void overNamesNoInput() {
    Problem p = onlyProblem(checks(Types.listOf(Claim.class), "claim", Claim.class, "checkClaim"));
    assertProblem(p, ProblemCode.OVER_PARAMETER, "checkAll", "Parallel.over", "claim",
        "@Parallel(over = \"claim\") of \"checkAll\" names no parameter", "did you mean \"claims\"?");
  }

  @Test
  void overInputIsNotACollection() {
    Problem p = onlyProblem(checks(Claim.class, "claims", Claim.class, "checkClaim"));
    assertProblem(p, ProblemCode.OVER_PARAMETER, "checkAll", "Parallel.over", "claims",
        "needs a List, Set or array");
  }

  @Test
  void overWithTwoAgents() {
    Problem p = onlyProblem(checks(Types.listOf(Claim.class), "claims", Claim.class, "checkClaim",
        "other"));
    assertProblem(p, ProblemCode.OVER_BRANCHES, "checkAll", "Parallel.agents", "",
        "lists 2 agents");
  }

  @Test
  void elementNotAssignableToTheFirstInput() {
    Problem p = onlyProblem(checks(Types.listOf(String.class), "claims", Claim.class, "checkClaim"));
    assertProblem(p, ProblemCode.BRANCH_INPUT, "checkAll", "Parallel.agents", "checkClaim",
        "the elements of \"claims\" (String) as its first parameter \"claim\"");
  }

  @Test
  void otherInputsBindByNameButNotToTheCollection() {
    Problem p = onlyProblem(AgentGraph.builder("Claims")
        .fanOut("checkAll", a -> a.input("claims", Types.listOf(Claim.class))
            .output(Verdict.class).parallel("checkClaim").over("claims"))
        .llmAgent("checkClaim", a -> a.instructions("Check.").input("claim", Claim.class)
            .input("claims", Types.listOf(Claim.class)).output(Verdict.class)));
    assertProblem(p, ProblemCode.BRANCH_INPUT, "checkAll", "Parallel.agents", "checkClaim",
        "takes parameter \"claims\"", "has no parameter of that name");
  }

  @Test
  void branchWithoutInputs() {
    Problem p = onlyProblem(AgentGraph.builder("Claims")
        .fanOut("checkAll", a -> a.input("claims", Types.listOf(Claim.class))
            .output(Verdict.class).parallel("checkClaim").over("claims"))
        .llmAgent("checkClaim", a -> a.instructions("Check.").output(Verdict.class)));
    assertProblem(p, ProblemCode.BRANCH_INPUT, "checkAll", "Parallel.agents", "checkClaim",
        "takes no parameter");
  }

  @Test
  void resultTypeStillApplies() {
    Problem p = onlyProblem(AgentGraph.builder("Claims")
        .fanOut("checkAll", a -> a.input("claims", Types.listOf(Claim.class))
            .output(Verdict.class).parallel("checkClaim").over("claims"))
        .llmAgent("checkClaim", a -> a.instructions("Check.").input("claim", Claim.class)
            .output(String.class)));
    assertProblem(p, ProblemCode.PARALLEL_RESULT, "checkAll", "Parallel.agents", "checkClaim");
  }

  @Test
  void theSpecKeepsTheOverInput() {
    ParallelSpec p = assertValid(checks(Types.listOf(Claim.class), "claims", Claim.class,
        "checkClaim")).agent("checkAll").parallel();
    org.junit.jupiter.api.Assertions.assertEquals("claims", p.over());
    org.junit.jupiter.api.Assertions.assertTrue(p.isOverElements());
    org.junit.jupiter.api.Assertions.assertEquals(List.of("checkClaim"), p.agents());
  }
}
