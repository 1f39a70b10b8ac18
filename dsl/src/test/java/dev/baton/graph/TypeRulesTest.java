package dev.baton.graph;

import static dev.baton.graph.GraphAssertions.assertProblem;
import static dev.baton.graph.GraphAssertions.assertValid;
import static dev.baton.graph.GraphAssertions.llm;
import static dev.baton.graph.GraphAssertions.onlyProblem;

import java.util.List;
import org.junit.jupiter.api.Test;

/** HandoffType, BranchInput and ParallelResult through the fluent builder. */
class TypeRulesTest {

  private static AgentGraph.Builder triage(Class<?> triageOutput, Class<?> scorerOutput) {
    return AgentGraph.builder("Triage")
        .llmAgent("triage", a -> a.instructions("Route.").input("message", String.class)
            .output(triageOutput))
        .llmAgent("scorer", a -> a.instructions("Score.").input("message", String.class)
            .output(scorerOutput));
  }

  @Test
  void oneWayHandoffTargetMustReturnAnAssignableType() {
    Problem p = onlyProblem(triage(String.class, Integer.class).handoff("triage", "scorer", false));
    assertProblem(p, ProblemCode.HANDOFF_TYPE, "triage", "Handoff.to", "scorer",
        "one-way @Handoff target \"scorer\" returns Integer, which is not assignable to String,"
            + " the return type of \"triage\"",
        "use back = true");
  }

  @Test
  void backHandoffTargetMayReturnAnyType() {
    assertValid(triage(String.class, Integer.class).handoff("triage", "scorer", true));
  }

  @Test
  void oneWayHandoffAcceptsBoxingAndSupertypes() {
    assertValid(triage(Integer.class, int.class).handoff("triage", "scorer", false));
    assertValid(triage(int.class, Integer.class).handoff("triage", "scorer", false));
    assertValid(triage(Number.class, Integer.class).handoff("triage", "scorer", false));
    assertValid(triage(CharSequence.class, String.class).handoff("triage", "scorer", false));
  }

  @Test
  void oneWayHandoffRejectsPrimitiveWidening() {
    // The target's output travels boxed: an Integer is never a long, as javac's boxed check says.
    Problem p = onlyProblem(triage(long.class, int.class).handoff("triage", "scorer", false));
    assertProblem(p, ProblemCode.HANDOFF_TYPE, "triage", "Handoff.to", "scorer",
        "returns int, which is not assignable to long");
  }

  @Test
  void oneWayHandoffRejectsBoxingToAnotherBox() {
    Problem p = onlyProblem(triage(Long.class, int.class).handoff("triage", "scorer", false));
    assertProblem(p, ProblemCode.HANDOFF_TYPE, "triage", "Handoff.to", "scorer",
        "returns int, which is not assignable to Long");
  }

  @Test
  void oneWayHandoffRejectsNarrowing() {
    Problem p = onlyProblem(triage(String.class, CharSequence.class).handoff("triage", "scorer", false));
    assertProblem(p, ProblemCode.HANDOFF_TYPE, "triage", "Handoff.to", "scorer",
        "returns CharSequence, which is not assignable to String");
  }

  @Test
  void oneWayHandoffComparesTypeArguments() {
    Problem p = onlyProblem(AgentGraph.builder("Lists")
        .llmAgent("a", a -> a.instructions("A.").output(Types.listOf(String.class)))
        .llmAgent("b", a -> a.instructions("B.").output(Types.listOf(Integer.class)))
        .handoff("a", "b", false));
    assertProblem(p, ProblemCode.HANDOFF_TYPE, "a", "Handoff.to", "b",
        "returns List<Integer>, which is not assignable to List<String>");
  }

  private static AgentGraph.Builder review(Class<?> diffType, String branchParam, Class<?> branchType) {
    return AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("diff", diffType).input("language", String.class)
            .output(String.class).parallel("security"))
        .llmAgent("security", a -> a.instructions("Check security.")
            .input(branchParam, branchType).output(String.class));
  }

  @Test
  void branchParametersBindByName() {
    assertValid(review(String.class, "diff", String.class));
    assertValid(review(int.class, "diff", Integer.class));
    assertValid(review(String.class, "diff", CharSequence.class));
  }

  @Test
  void branchParameterMissingOnTheForkSuggestsTheClosestName() {
    Problem p = onlyProblem(review(String.class, "dif", String.class));
    assertProblem(p, ProblemCode.BRANCH_INPUT, "review", "Parallel.agents", "security",
        "branch \"security\" takes parameter \"dif\" (String), but \"review\" has no parameter of"
            + " that name",
        "(\"review\" has [diff, language])", "did you mean \"diff\"?");
  }

  @Test
  void branchParameterMissingWithoutCloseName() {
    Problem p = onlyProblem(review(String.class, "patch", String.class));
    assertProblem(p, ProblemCode.BRANCH_INPUT, "review", "Parallel.agents", "security",
        "takes parameter \"patch\"");
    org.junit.jupiter.api.Assertions.assertFalse(p.message().contains("did you mean"), p.message());
  }

  @Test
  void branchParameterTypeMustBeAssignable() {
    Problem p = onlyProblem(review(String.class, "diff", Integer.class));
    assertProblem(p, ProblemCode.BRANCH_INPUT, "review", "Parallel.agents", "security",
        "branch \"security\" takes parameter \"diff\" as Integer, but \"review\" passes String,"
            + " which is not assignable to it");
  }

  @Test
  void branchInputAlsoAppliesToAggregatingLlmAgents() {
    Problem p = onlyProblem(AgentGraph.builder("Inspection")
        .llmAgent("inspect", a -> a.instructions("Aggregate.").input("photo", String.class)
            .parallel("p78"))
        .llmAgent("p78", a -> a.instructions("Inspect.").input("image", String.class)));
    assertProblem(p, ProblemCode.BRANCH_INPUT, "inspect", "Parallel.agents", "p78",
        "takes parameter \"image\"");
  }

  private static AgentGraph.Builder fanOut(java.lang.reflect.Type element,
      java.lang.reflect.Type branchOutput) {
    return AgentGraph.builder("Analysts")
        .fanOut("analysts", a -> a.input("ticker", String.class).output(element)
            .parallel("fundamentals", "technicals"))
        .llmAgent("fundamentals", a -> a.instructions("F.").input("ticker", String.class)
            .output(branchOutput))
        .llmAgent("technicals", a -> a.instructions("T.").input("ticker", String.class)
            .output(element));
  }

  @Test
  void fanOutElementTypeMustFitEveryBranchOutput() {
    Problem p = onlyProblem(fanOut(String.class, Integer.class));
    assertProblem(p, ProblemCode.PARALLEL_RESULT, "analysts", "Parallel.agents", "fundamentals",
        "branch \"fundamentals\" returns Integer, which is not assignable to String, the element"
            + " type of \"analysts\"'s Results<String>");
  }

  @Test
  void fanOutElementTypeMayBeASupertype() {
    assertValid(fanOut(CharSequence.class, String.class));
    assertValid(fanOut(Object.class, Integer.class));
    assertValid(fanOut(Integer.class, int.class));
  }

  @Test
  void fanOutOfListsComparesElementTypeArguments() {
    assertValid(fanOut(Types.listOf(String.class), Types.listOf(String.class)));
    Problem p = onlyProblem(fanOut(Types.listOf(String.class), Types.listOf(Integer.class)));
    assertProblem(p, ProblemCode.PARALLEL_RESULT, "analysts", "Parallel.agents", "fundamentals",
        "returns List<Integer>, which is not assignable to List<String>",
        "Results<List<String>>");
  }

  @Test
  void aggregatingLlmAgentDoesNotConstrainBranchOutputs() {
    assertValid(AgentGraph.builder("Inspection")
        .llmAgent("inspect", a -> a.instructions("Aggregate.").input("photo", String.class)
            .output(String.class).parallel("p78"))
        .llmAgent("p78", a -> a.instructions("Inspect.").input("photo", String.class)
            .output(List.class)));
  }
}
