package dev.baton.graph;

import static dev.baton.graph.GraphAssertions.assertProblem;
import static dev.baton.graph.GraphAssertions.assertValid;
import static dev.baton.graph.GraphAssertions.llm;
import static dev.baton.graph.GraphAssertions.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ToolName: every name a model is sent as a tool name matches {@code ^[a-zA-Z0-9_-]{1,64}$}. */
class ToolNameRuleTest {
  private static String name(int length) {
    return "a".repeat(length);
  }

  @Test
  void handoffToA61CharacterAgentMakesA73CharacterToolName() {
    String target = name(61);
    Problem p = onlyProblem(AgentGraph.builder("Support")
        .llmAgent("desk", llm())
        .llmAgent(target, llm())
        .handoff("desk", target, true));
    assertProblem(p, ProblemCode.TOOL_NAME, "desk", "Handoff.to", target,
        "tool name \"transfer_to_" + target + "\" (73 characters)", "@Handoff to \"" + target + "\"",
        "@Agent(name = ...) to at most 52 characters");
    assertTrue(p.message().contains("give agent \"" + target + "\" a name of at most 52 characters"),
        p::message);
  }

  @Test
  void handoffToA52CharacterAgentFits() {
    String target = name(52);
    assertValid(AgentGraph.builder("Support")
        .llmAgent("desk", llm())
        .llmAgent(target, llm())
        .handoff("desk", target, false));
  }

  @Test
  void delegateToA67CharacterAgentMakesA67CharacterToolName() {
    String target = name(67);
    Problem p = onlyProblem(AgentGraph.builder("Support")
        .llmAgent("desk", llm())
        .llmAgent(target, llm())
        .delegate("desk", target));
    assertProblem(p, ProblemCode.TOOL_NAME, "desk", "Delegate.tool", target,
        "(67 characters)", "@Delegate(tool = ...)");
  }

  @Test
  void explicitDelegateToolNameWithASpace() {
    Problem p = onlyProblem(AgentGraph.builder("Support")
        .llmAgent("desk", llm())
        .llmAgent("billing", llm())
        .delegate("desk", "billing", "ask billing", ""));
    assertProblem(p, ProblemCode.TOOL_NAME, "desk", "Delegate.tool", "ask billing",
        "tool name \"ask billing\" (11 characters)");
  }

  @Test
  void toolSpecNameTooLong() {
    String tool = name(65);
    Problem p = onlyProblem(AgentGraph.builder("Support")
        .llmAgent("desk", a -> a.instructions("Help.").tool(new ToolSpec(tool, "Does it.",
            "{\"type\":\"object\",\"properties\":{}}", false, "com.acme.DeskTools"))));
    assertProblem(p, ProblemCode.TOOL_NAME, "desk", "Agent.tools", tool, "(65 characters)",
        "@Tool of DeskTools", "@Tool(name = ...)");
  }
}
