package dev.baton.graph;

import static dev.baton.graph.GraphAssertions.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed patterns of the design (section 10), built fluently, are valid graphs. */
class SeedPatternGraphsTest {

  record Verdict(String winner, int confidence) {}

  record Finding(String part, boolean defect) {}

  private static final String NO_ARGS = "{\"type\":\"object\",\"properties\":{}}";

  @Test
  void support() {
    AgentGraph g = assertValid(AgentGraph.builder("Support")
        .llmAgent("frontDesk", a -> a.instructions("You are the front desk.")
            .input("message", String.class))
        .llmAgent("billing", a -> a.instructions("You resolve billing problems.")
            .description("Resolves invoices, refunds and payments.").input("problem", String.class))
        .llmAgent("technical", a -> a.instructions("You diagnose technical problems.")
            .description("Diagnoses technical problems.").input("problem", String.class)
            .output(Integer.class))
        .handoff("frontDesk", "billing", true)
        .handoff("frontDesk", "technical", true));
    assertEquals(List.of("transfer_to_billing", "transfer_to_technical"),
        g.edgesFrom("frontDesk").stream().map(Edge::tool).toList());
    assertTrue(g.edges().stream().allMatch(e -> e.kind() == EdgeKind.HANDOFF_BACK));
  }

  @Test
  void inspection() {
    AgentGraph g = assertValid(AgentGraph.builder("Inspection")
        .llmAgent("intake", a -> a.instructions("Take the request.").input("request", String.class))
        .llmAgent("inspect", a -> a.instructions("Summarise the findings.")
            .input("photo", String.class).parallel("p78", "p80", "p82").timeout("2s"))
        .llmAgent("p78", a -> a.instructions("Inspect p78.").input("photo", String.class)
            .output(Finding.class))
        .llmAgent("p80", a -> a.instructions("Inspect p80.").input("photo", String.class)
            .output(Finding.class))
        .llmAgent("p82", a -> a.instructions("Inspect p82.").input("photo", String.class)
            .output(Finding.class))
        .handoff("intake", "inspect", false));
    AgentSpec inspect = g.agent("inspect");
    assertTrue(inspect.forks());
    assertEquals(AgentKind.LLM, inspect.kind());
    assertEquals(List.of("p78", "p80", "p82"), inspect.parallel().agents());
    assertEquals(Optional.of(Duration.ofSeconds(2)), inspect.parallel().timeoutDuration());
    assertEquals(3, g.edgesFrom("inspect").size());
  }

  @Test
  void newsroom() {
    AgentGraph g = assertValid(AgentGraph.builder("Newsroom")
        .codeAgent("newsroom", a -> a.input("topic", String.class))
        .llmAgent("research", a -> a.instructions("Research.").input("topic", String.class))
        .llmAgent("write", a -> a.instructions("Write.").input("notes", String.class))
        .llmAgent("edit", a -> a.instructions("Edit.").input("draft", String.class))
        .call("newsroom", "research").call("newsroom", "write").call("newsroom", "edit"));
    assertEquals(AgentKind.CODE, g.agent("newsroom").kind());
    assertEquals(List.of("research", "write", "edit"),
        g.edgesFrom("newsroom").stream().map(Edge::to).toList());
  }

  @Test
  void analysts() {
    AgentGraph g = assertValid(AgentGraph.builder("Analysts")
        .fanOut("analyse", a -> a.input("ticker", String.class).output(String.class)
            .parallel("fundamentals", "technicals", "sentiment").failFast(false))
        .llmAgent("fundamentals", a -> a.instructions("F.").input("ticker", String.class))
        .llmAgent("technicals", a -> a.instructions("T.").input("ticker", String.class))
        .llmAgent("sentiment", a -> a.instructions("S.").input("ticker", String.class)));
    assertEquals(AgentKind.FAN_OUT, g.agent("analyse").kind());
    assertEquals(3, g.edges().stream().filter(e -> e.kind() == EdgeKind.BRANCH).count());
  }

  @Test
  void supervisor() {
    AgentGraph g = assertValid(AgentGraph.builder("Supervisor")
        .llmAgent("supervisor", a -> a.instructions("Coordinate.").input("task", String.class))
        .llmAgent("dataWorker", a -> a.instructions("Query data.").input("query", String.class))
        .llmAgent("writer", a -> a.instructions("Write.").input("facts", String.class))
        .delegate("supervisor", "dataWorker")
        .delegate("supervisor", "writer", "write_report", "Writes the report."));
    assertEquals(List.of("dataWorker", "write_report"),
        g.edgesFrom("supervisor").stream().map(Edge::tool).toList());
  }

  @Test
  void debate() {
    AgentGraph g = assertValid(AgentGraph.builder("Debate")
        .codeAgent("debate", a -> a.input("motion", String.class).input("rounds", int.class)
            .output(Verdict.class))
        .llmAgent("pro", a -> a.instructions("Argue for.").input("transcript", String.class))
        .llmAgent("con", a -> a.instructions("Argue against.").input("transcript", String.class))
        .llmAgent("judge", a -> a.instructions("Judge.").input("transcript", String.class)
            .output(Verdict.class))
        .call("debate", "pro").call("debate", "con").call("debate", "judge"));
    assertEquals("Verdict", g.agent("judge").output().displayName());
  }

  @Test
  void router() {
    assertValid(AgentGraph.builder("Router")
        .llmAgent("router", a -> a.instructions("Route.").input("message", String.class))
        .llmAgent("sales", a -> a.instructions("Sell.").input("message", String.class))
        .llmAgent("refunds", a -> a.instructions("Refund.").input("message", String.class))
        .handoff("router", "sales", false, "Questions about buying.")
        .handoff("router", "refunds", false));
  }

  @Test
  void sharedContext() {
    AgentGraph g = assertValid(AgentGraph.builder("SharedContext")
        .llmAgent("investigator", a -> a.instructions("Investigate.").input("case", String.class)
            .tools(List.of(
                new ToolSpec("record_finding", "Records a finding.", NO_ARGS, false,
                    "com.acme.Findings"),
                new ToolSpec("list_findings", "Lists findings.", NO_ARGS, false,
                    "com.acme.Findings")))));
    assertEquals(2, g.agent("investigator").tools().size());
  }

  @Test
  void fallback() {
    assertValid(AgentGraph.builder("Fallback")
        .codeAgent("answer", a -> a.input("question", String.class))
        .llmAgent("primary", a -> a.instructions("Answer.").model("big-model")
            .input("question", String.class))
        .llmAgent("backup", a -> a.instructions("Answer.").model("small-model")
            .input("question", String.class))
        .call("answer", "primary").call("answer", "backup"));
  }

  @Test
  void approval() {
    AgentGraph g = assertValid(AgentGraph.builder("Approval")
        .llmAgent("payments", a -> a.instructions("Handle payments.").input("request", String.class)
            .tool(new ToolSpec("refund", "Refunds an order.", NO_ARGS, true, "com.acme.Payments"))
            .tool(new ToolSpec("lookup", "Finds an order.", NO_ARGS, false, "com.acme.Payments"))));
    List<ToolSpec> tools = g.agent("payments").tools();
    assertTrue(tools.get(0).approval());
    assertFalse(tools.get(1).approval());
  }
}
