package dev.baton.jdbc;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.ToolInvoker;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A front desk with tools, one of which ({@code refund}) needs approval; shared by the tests. */
final class Desk {
  static final String OWNER = "dev.baton.jdbc.DeskTools";
  private static final String NO_PARAMETERS =
      "{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}";

  private Desk() {}

  static AgentGraph graph() {
    return AgentGraph.builder("Desk")
        .llmAgent("frontDesk", a -> a.instructions("You are the front desk.")
            .input("message", String.class)
            .tool(tool("lookup", false)).tool(tool("refund", true)).tool(tool("slow", false)))
        .build();
  }

  private static ToolSpec tool(String name, boolean approval) {
    return new ToolSpec(name, "The " + name + " tool.", NO_PARAMETERS, approval, OWNER);
  }

  static Orchestrator orchestrator(ScriptedModel model, ToolInvoker tools, RunOptions options) {
    return Orchestrator.builder(graph()).model(model).tools(OWNER, tools).options(options).build();
  }

  /** The content of the last tool message a request carries. */
  static String lastToolResult(ModelRequest r) {
    List<Message> ms = r.messages();
    for (int i = ms.size() - 1; i >= 0; i--) {
      if (ms.get(i) instanceof ToolMessage t) {
        return t.content();
      }
    }
    throw new AssertionError("no tool message in " + ms);
  }

  /** Counts executions per tool; answers "<tool> done". */
  static class CountingTools implements ToolInvoker {
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
  }
}
