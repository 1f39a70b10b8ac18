package dev.baton.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Mermaid drawing of a small graph, compared as text. */
class MermaidWriterTest {

  @Test
  void drawsEveryAgentKindAndEdgeKind() {
    AgentGraph g = AgentGraph.builder("Demo")
        .codeAgent("flow", a -> a.input("diff", String.class))
        .llmAgent("frontDesk", a -> a.instructions("Desk.").input("diff", String.class))
        .fanOut("review", a -> a.input("diff", String.class).parallel("security", "style")
            .timeout("20s"))
        .llmAgent("summary", a -> a.instructions("Sum up.").input("diff", String.class)
            .parallel("security", "style"))
        .llmAgent("security", a -> a.instructions("Security.").input("diff", String.class))
        .llmAgent("style", a -> a.instructions("Style.").input("diff", String.class))
        .call("flow", "frontDesk")
        .call("flow", "review")
        .handoff("frontDesk", "security", true)
        .handoff("frontDesk", "summary", false)
        .delegate("frontDesk", "style")
        .build();

    String expected = """
        ---
        title: Demo
        ---
        flowchart TD
          flow[["flow<br>code"]]
          frontDesk["frontDesk<br>LLM"]
          review{{"review<br>fan-out 20s"}}
          summary["summary<br>LLM, aggregates"]
          security["security<br>LLM"]
          style["style<br>LLM"]
          review ==>|branch| security
          review ==>|branch| style
          summary ==>|branch| security
          summary ==>|branch| style
          flow -->|calls| frontDesk
          flow -->|calls| review
          frontDesk <-->|handoff, back| security
          frontDesk -->|handoff| summary
          frontDesk -.->|delegate| style
        """;
    assertEquals(expected, g.toMermaid());
  }

  @Test
  void fanOutWithoutTimeoutHasNoDuration() {
    AgentGraph g = AgentGraph.builder("Tiny")
        .fanOut("fan", a -> a.parallel("one"))
        .codeAgent("one", a -> { })
        .build();
    assertEquals("""
        ---
        title: Tiny
        ---
        flowchart TD
          fan{{"fan<br>fan-out"}}
          one[["one<br>code"]]
          fan ==>|branch| one
        """, g.toMermaid());
  }
}
