package dev.baton.graph;

import static dev.baton.graph.GraphAssertions.assertProblem;
import static dev.baton.graph.GraphAssertions.assertValid;
import static dev.baton.graph.GraphAssertions.llm;
import static dev.baton.graph.GraphAssertions.onlyProblem;
import static dev.baton.graph.GraphAssertions.problemsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TemplatePlaceholder and DuplicateTool through the fluent builder. */
class TemplateAndToolRulesTest {

  private static AgentGraph.Builder reviewer(String prompt) {
    return AgentGraph.builder("Review")
        .llmAgent("reviewer", a -> a.instructions("Review code.")
            .input("diff", String.class).input("language", String.class).prompt(prompt));
  }

  @Test
  void placeholdersNamingParametersAreFine() {
    assertValid(reviewer("Review this diff for {language} style issues:\n{diff}"));
  }

  @Test
  void misspelledPlaceholderSuggestsTheParameter() {
    Problem p = onlyProblem(reviewer("Review {diff} in {langauge}"));
    assertProblem(p, ProblemCode.TEMPLATE_PLACEHOLDER, "reviewer", "Agent.prompt", "langauge",
        "prompt placeholder {langauge} of \"reviewer\" names no parameter; parameters are"
            + " [diff, language]",
        "did you mean \"language\"?");
  }

  @Test
  void eachUnknownPlaceholderIsReportedOnce() {
    List<Problem> problems = problemsOf(reviewer("{ticket} {diff} {ticket} {owner}"));
    assertEquals(2, problems.size(), problems::toString);
    assertProblem(problems.get(0), ProblemCode.TEMPLATE_PLACEHOLDER, "reviewer", "Agent.prompt",
        "ticket");
    assertProblem(problems.get(1), ProblemCode.TEMPLATE_PLACEHOLDER, "reviewer", "Agent.prompt",
        "owner");
    assertFalse(problems.get(1).message().contains("did you mean"), problems.get(1).message());
  }

  private static ToolSpec tool(String name, String owner) {
    return new ToolSpec(name, "Does " + name, "{\"type\":\"object\",\"properties\":{}}", false,
        owner);
  }

  @Test
  void twoToolsWithTheSameName() {
    Problem p = onlyProblem(AgentGraph.builder("Crm")
        .llmAgent("agent", a -> a.instructions("Help.")
            .tool(tool("lookup", "com.acme.BillingTools"))
            .tool(tool("lookup", "com.acme.CrmTools"))));
    assertProblem(p, ProblemCode.DUPLICATE_TOOL, "agent", "Agent.tools", "lookup",
        "tool name \"lookup\" of \"agent\" is offered by both @Tool of BillingTools and @Tool of"
            + " CrmTools");
  }

  @Test
  void toolClashingWithAHandoffTool() {
    Problem p = onlyProblem(AgentGraph.builder("Support")
        .llmAgent("frontDesk", a -> a.instructions("Help.").input("message", String.class)
            .tool(tool("transfer_to_billing", "com.acme.DeskTools")))
        .llmAgent("billing", llm())
        .handoff("frontDesk", "billing", true));
    assertProblem(p, ProblemCode.DUPLICATE_TOOL, "frontDesk", "Handoff.to", "billing",
        "tool name \"transfer_to_billing\" of \"frontDesk\" is offered by both @Tool of DeskTools"
            + " and @Handoff to \"billing\"");
  }

  @Test
  void delegateToolNameClashingWithATool() {
    Problem p = onlyProblem(AgentGraph.builder("Supervisor")
        .llmAgent("supervisor", a -> a.instructions("Lead.").input("message", String.class)
            .tool(tool("research", "com.acme.WebTools")))
        .llmAgent("researcher", llm())
        .delegate("supervisor", "researcher", "research", "Researches a topic."));
    assertProblem(p, ProblemCode.DUPLICATE_TOOL, "supervisor", "Delegate.tool", "research",
        "tool name \"research\" of \"supervisor\" is offered by both @Tool of WebTools and"
            + " @Delegate to \"researcher\"");
  }

  @Test
  void delegateDefaultToolNameClashingWithAnotherDelegate() {
    Problem p = onlyProblem(AgentGraph.builder("Supervisor")
        .llmAgent("supervisor", llm())
        .llmAgent("researcher", llm())
        .llmAgent("writer", llm())
        .delegate("supervisor", "researcher")
        .delegate("supervisor", "writer", "researcher", ""));
    assertProblem(p, ProblemCode.DUPLICATE_TOOL, "supervisor", "Delegate.tool", "researcher",
        "@Delegate to \"researcher\" and @Delegate to \"writer\"");
  }

  @Test
  void sameToolNameOnDifferentAgentsIsFine() {
    assertValid(AgentGraph.builder("Crm")
        .llmAgent("a", a -> a.instructions("A.").tool(tool("lookup", "com.acme.CrmTools")))
        .llmAgent("b", a -> a.instructions("B.").tool(tool("lookup", "com.acme.CrmTools"))));
  }
}
