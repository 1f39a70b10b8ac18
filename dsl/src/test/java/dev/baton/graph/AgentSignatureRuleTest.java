package dev.baton.graph;

import static dev.baton.graph.GraphAssertions.assertProblem;
import static dev.baton.graph.GraphAssertions.llm;
import static dev.baton.graph.GraphAssertions.onlyProblem;

import org.junit.jupiter.api.Test;

/** AgentSignature: shapes and attribute values the runner cannot work with. */
class AgentSignatureRuleTest {

  @Test
  void llmAgentWithoutInstructions() {
    Problem p = onlyProblem(AgentGraph.builder("S")
        .llmAgent("writer", a -> a.input("topic", String.class).instructions("  ")));
    assertProblem(p, ProblemCode.AGENT_SIGNATURE, "writer", "Agent.instructions", "",
        "LLM agent \"writer\" has no instructions", "@Agent(instructions = ...)");
  }

  @Test
  void codeAgentsAndFanOutsNeedNoInstructions() {
    GraphAssertions.assertValid(AgentGraph.builder("S")
        .codeAgent("flow", a -> a.input("message", String.class))
        .fanOut("fan", a -> a.input("message", String.class).parallel("flow")));
  }

  @Test
  void maxTurnsZero() {
    Problem p = onlyProblem(AgentGraph.builder("S")
        .llmAgent("writer", a -> a.instructions("Write.").maxTurns(0)));
    assertProblem(p, ProblemCode.MAX_TURNS, "writer", "Agent.maxTurns", "0",
        "maxTurns of \"writer\" is 0; it must be at least 1");
  }

  @Test
  void handoffFromACodeAgent() {
    Problem p = onlyProblem(AgentGraph.builder("S")
        .codeAgent("flow", a -> a.input("message", String.class))
        .llmAgent("billing", llm())
        .handoff("flow", "billing", false));
    assertProblem(p, ProblemCode.NO_MODEL, "flow", "Handoff.to", "billing",
        "\"flow\" is a code agent and has no model to choose a handoff",
        "call \"billing\" from its body instead");
  }

  @Test
  void delegateFromAFanOut() {
    Problem p = onlyProblem(AgentGraph.builder("S")
        .fanOut("fan", a -> a.input("message", String.class).parallel("billing"))
        .llmAgent("billing", llm())
        .llmAgent("ledger", llm())
        .delegate("fan", "ledger"));
    assertProblem(p, ProblemCode.NO_MODEL, "fan", "Delegate.to", "ledger",
        "\"fan\" is a fan-out and has no model to choose a delegate",
        "put @Delegate on an LLM agent");
  }

  @Test
  void negativeMaxConcurrency() {
    Problem p = onlyProblem(AgentGraph.builder("S")
        .fanOut("fan", a -> a.input("message", String.class).parallel("billing")
            .maxConcurrency(-1))
        .llmAgent("billing", llm()));
    assertProblem(p, ProblemCode.MAX_CONCURRENCY, "fan", "Parallel.maxConcurrency", "-1",
        "@Parallel maxConcurrency of \"fan\" is -1; it must be 0 (no bound) or positive");
  }

  @Test
  void fanOutWithoutBranches() {
    Problem p = onlyProblem(AgentGraph.builder("S")
        .fanOut("fan", a -> a.input("message", String.class)));
    assertProblem(p, ProblemCode.EMPTY_PARALLEL, "fan", "Parallel.agents", "",
        "@Parallel of \"fan\" lists no agents");
  }

  @Test
  void emptyParallelList() {
    Problem p = onlyProblem(AgentGraph.builder("S")
        .llmAgent("inspect", a -> a.instructions("Aggregate.").parallel()));
    assertProblem(p, ProblemCode.EMPTY_PARALLEL, "inspect", "Parallel.agents", "",
        "lists no agents");
  }
}
