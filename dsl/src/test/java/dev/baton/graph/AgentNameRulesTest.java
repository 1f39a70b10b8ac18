package dev.baton.graph;

import static dev.baton.graph.GraphAssertions.assertProblem;
import static dev.baton.graph.GraphAssertions.llm;
import static dev.baton.graph.GraphAssertions.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** UnknownAgent, DuplicateAgent and SelfReference through the fluent builder. */
class AgentNameRulesTest {

  private static AgentGraph.Builder support() {
    return AgentGraph.builder("Support")
        .llmAgent("frontDesk", llm())
        .llmAgent("billing", llm())
        .llmAgent("technical", llm());
  }

  @Test
  void unknownHandoffTargetSuggestsTheClosestAgent() {
    Problem p = onlyProblem(support().handoff("frontDesk", "biling", true));
    assertProblem(p, ProblemCode.UNKNOWN_AGENT, "frontDesk", "Handoff.to", "biling");
    assertEquals("[Baton/UnknownAgent] handoff(\"frontDesk\", \"biling\") target \"biling\" is not"
        + " an agent of graph Support; did you mean \"billing\"?", p.toString());
    assertEquals("@Handoff target \"biling\" is not an @Agent of Support; did you mean \"billing\"?",
        p.message(Vocabulary.ANNOTATIONS));
  }

  @Test
  void unknownHandoffTargetWithoutCloseNameHasNoSuggestion() {
    Problem p = onlyProblem(support().handoff("frontDesk", "warehouse", false));
    assertProblem(p, ProblemCode.UNKNOWN_AGENT, "frontDesk", "Handoff.to", "warehouse",
        "@Handoff target \"warehouse\" is not an @Agent of Support");
    assertFalse(p.message().contains("did you mean"), p.message());
  }

  @Test
  void unknownDelegateTarget() {
    Problem p = onlyProblem(support().delegate("frontDesk", "technicl"));
    assertProblem(p, ProblemCode.UNKNOWN_AGENT, "frontDesk", "Delegate.to", "technicl",
        "@Delegate target \"technicl\" is not an @Agent of Support", "did you mean \"technical\"?");
  }

  @Test
  void unknownDelegateTargetWithoutCloseName() {
    Problem p = onlyProblem(support().delegate("frontDesk", "ledger"));
    assertProblem(p, ProblemCode.UNKNOWN_AGENT, "frontDesk", "Delegate.to", "ledger");
    assertFalse(p.message().contains("did you mean"), p.message());
  }

  @Test
  void unknownParallelBranch() {
    Problem p = onlyProblem(AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("message", String.class).output(String.class)
            .parallel("security", "styel"))
        .llmAgent("security", llm())
        .llmAgent("style", llm()));
    assertProblem(p, ProblemCode.UNKNOWN_AGENT, "review", "Parallel.agents", "styel",
        "@Parallel branch \"styel\" is not an @Agent of Review", "did you mean \"style\"?");
  }

  @Test
  void unknownParallelBranchWithoutCloseName() {
    Problem p = onlyProblem(AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("message", String.class).output(String.class)
            .parallel("security", "performance"))
        .llmAgent("security", llm()));
    assertProblem(p, ProblemCode.UNKNOWN_AGENT, "review", "Parallel.agents", "performance");
    assertFalse(p.message().contains("did you mean"), p.message());
  }

  @Test
  void unknownCallTarget() {
    Problem p = onlyProblem(AgentGraph.builder("Newsroom")
        .codeAgent("newsroom", a -> a.input("topic", String.class))
        .llmAgent("research", llm())
        .call("newsroom", "reserch"));
    assertProblem(p, ProblemCode.UNKNOWN_AGENT, "newsroom", "call", "reserch",
        "called agent \"reserch\" is not an @Agent of Newsroom", "did you mean \"research\"?");
  }

  @Test
  void unknownCallTargetWithoutCloseName() {
    Problem p = onlyProblem(AgentGraph.builder("Newsroom")
        .codeAgent("newsroom", a -> a.input("topic", String.class))
        .llmAgent("research", llm())
        .call("newsroom", "publisher"));
    assertProblem(p, ProblemCode.UNKNOWN_AGENT, "newsroom", "call", "publisher");
    assertFalse(p.message().contains("did you mean"), p.message());
  }

  @Test
  void unknownEdgeSourceIsReportedOnTheSource() {
    Problem p = onlyProblem(support().handoff("frontdesk", "billing", true));
    assertProblem(p, ProblemCode.UNKNOWN_AGENT, "frontdesk", "Handoff.to", "frontdesk",
        "source \"frontdesk\" is not an @Agent of Support", "did you mean \"frontDesk\"?");
  }

  @Test
  void twoAgentsWithTheSameName() {
    Problem p = onlyProblem(support().llmAgent("billing", llm()));
    assertProblem(p, ProblemCode.DUPLICATE_AGENT, "billing", "Agent.name", "billing",
        "agent name \"billing\" is used by more than one @Agent of Support");
  }

  @Test
  void duplicateBranchInParallelList() {
    Problem p = onlyProblem(AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("message", String.class).output(String.class)
            .parallel("security", "style", "security"))
        .llmAgent("security", llm())
        .llmAgent("style", llm()));
    assertProblem(p, ProblemCode.DUPLICATE_BRANCH, "review", "Parallel.agents", "security",
        "@Parallel of \"review\" lists \"security\" more than once");
  }

  @Test
  void handoffToItself() {
    Problem p = onlyProblem(support().handoff("billing", "billing", true));
    assertProblem(p, ProblemCode.SELF_REFERENCE, "billing", "Handoff.to", "billing",
        "@Handoff target \"billing\" is the agent itself", "hand off or delegate to itself");
  }

  @Test
  void oneWayHandoffToItself() {
    Problem p = onlyProblem(support().handoff("billing", "billing", false));
    assertProblem(p, ProblemCode.SELF_REFERENCE, "billing", "Handoff.to", "billing");
  }

  @Test
  void delegateToItself() {
    Problem p = onlyProblem(support().delegate("technical", "technical"));
    assertProblem(p, ProblemCode.SELF_REFERENCE, "technical", "Delegate.to", "technical",
        "@Delegate target \"technical\" is the agent itself");
  }

  @Test
  void branchIntoItself() {
    Problem p = onlyProblem(AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("message", String.class).output(String.class)
            .parallel("security", "review"))
        .llmAgent("security", llm()));
    assertProblem(p, ProblemCode.SELF_REFERENCE, "review", "Parallel.agents", "review",
        "@Parallel branch \"review\" is the agent itself", "does not fork into itself");
  }

  @Test
  void callToItself() {
    Problem p = onlyProblem(AgentGraph.builder("Loop")
        .codeAgent("loop", a -> a.input("message", String.class))
        .call("loop", "loop"));
    assertProblem(p, ProblemCode.SELF_REFERENCE, "loop", "call", "loop", "does not call itself");
  }
}
