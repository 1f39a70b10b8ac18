package dev.baton.runtime;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ToolMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Graphs, tools and helpers shared by the resume tests (and the child JVM of the kill test). */
final class ResumeFixtures {
  static final String OWNER = "dev.baton.runtime.DeskTools";
  private static final String NO_PARAMETERS =
      "{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}";

  private ResumeFixtures() {}

  static ToolSpec tool(String name, boolean approval) {
    return new ToolSpec(name, "The " + name + " tool.", NO_PARAMETERS, approval, OWNER);
  }

  /** A front desk with tools ({@code refund} needs approval) and a back-handoff to billing. */
  static AgentGraph desk() {
    return AgentGraph.builder("Desk")
        .llmAgent("frontDesk", a -> a.instructions("You are the front desk.")
            .input("message", String.class)
            .tool(tool("lookup", false)).tool(tool("refund", true)).tool(tool("slow", false)))
        .llmAgent("billing", a -> a.instructions("You resolve billing problems.")
            .description("Resolves invoices.").input("problem", String.class)
            .tool(tool("audit", false)).tool(tool("payout", true)))
        .handoff("frontDesk", "billing", true)
        .build();
  }

  /** A fan-out whose {@code security} branch calls a tool that needs approval. */
  static AgentGraph review() {
    return AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("diff", String.class).output(String.class)
            .parallel("security", "style", "tests"))
        .llmAgent("security", a -> a.instructions("Check security.").input("diff", String.class)
            .tool(tool("quarantine", true)))
        .llmAgent("style", a -> a.instructions("Check style.").input("diff", String.class))
        .llmAgent("tests", a -> a.instructions("Check tests.").input("diff", String.class))
        .build();
  }

  /** A code agent calling {@code research}, then {@code write}, whose {@code publish} needs approval. */
  static AgentGraph pipeline() {
    return AgentGraph.builder("Pipeline")
        .codeAgent("pipeline", a -> a.input("topic", String.class).output(String.class))
        .llmAgent("research", a -> a.instructions("Research.").input("topic", String.class))
        .llmAgent("outline", a -> a.instructions("Outline.").input("topic", String.class))
        .llmAgent("write", a -> a.instructions("Write.").input("topic", String.class)
            .tool(tool("publish", true)))
        .call("pipeline", "research")
        .call("pipeline", "outline")
        .call("pipeline", "write")
        .build();
  }

  /** Counts every tool execution by name; answers "<tool> done". */
  static final class CountingTools implements ToolInvoker {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public Object invoke(String tool, ToolArguments arguments, RunContext context) throws Exception {
      counts.computeIfAbsent(tool, k -> new AtomicInteger()).incrementAndGet();
      return tool + " done";
    }

    int count(String tool) {
      AtomicInteger n = counts.get(tool);
      return n == null ? 0 : n.get();
    }

    int total() {
      return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  /** The last message of a request, as the tool result it must be. */
  static ToolMessage lastToolResult(ModelRequest request) {
    List<Message> m = request.messages();
    return (ToolMessage) m.get(m.size() - 1);
  }
}
