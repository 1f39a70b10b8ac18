package dev.baton.runtime.internal;

import dev.baton.graph.ToolSpec;
import dev.baton.runtime.Toolset;
import dev.baton.runtime.internal.exec.Execution;
import dev.baton.runtime.model.ToolDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The tools one model turn of an agent offers: its compile-time tools, handoffs and delegates, plus
 * the tools its toolsets list at that moment. Agents without toolsets share one fixed menu.
 *
 * @param definitions what the model is told, in order
 * @param dynamic the toolset tools by the name the model sees
 */
record ToolMenu(List<ToolDefinition> definitions, Map<String, Entry> dynamic) {
  /** A toolset tool: where calls go and how they are gated. */
  record Entry(String toolset, Toolset source, ToolSpec spec) {}

  /**
   * The menu for one turn; a toolset that fails to list, or a clashing name, is left out. The
   * toolsets are listed through the run's execution, keyed by {@code step}.
   */
  static ToolMenu of(Engine engine, PreparedAgent agent, Execution execution, String step) {
    if (agent.spec.toolsets().isEmpty()) {
      return agent.menu;
    }
    return build(engine, agent, false, (name, source) -> execution.listTools(step, name, source));
  }

  /** The menu, failing on a toolset that cannot list its tools or on a clash (runner build). */
  static ToolMenu strict(Engine engine, PreparedAgent agent) {
    return build(engine, agent, true, (name, source) -> source.tools());
  }

  private static ToolMenu build(Engine engine, PreparedAgent agent, boolean strict,
      BiFunction<String, Toolset, List<ToolSpec>> lister) {
    List<ToolDefinition> defs = new ArrayList<>(agent.toolDefinitions);
    Map<String, String> taken = new HashMap<>();
    for (ToolDefinition d : agent.toolDefinitions) {
      taken.put(d.name(), "a tool of its own");
    }
    Map<String, Entry> dynamic = new HashMap<>();
    for (String name : agent.spec.toolsets()) {
      Toolset source = engine.toolsets.get(name);
      List<ToolSpec> listed;
      try {
        listed = lister.apply(name, source);
      } catch (RuntimeException e) {
        if (strict) {
          throw new IllegalStateException("toolset \"" + name + "\" of \"" + agent.spec.name()
              + "\" cannot list its tools: " + Engine.describe(e), e);
        }
        continue; // this turn offers the rest; the next turn asks again
      }
      for (ToolSpec t : listed) {
        String previous = taken.putIfAbsent(t.name(), "toolset \"" + name + "\"");
        if (previous != null) {
          if (strict) {
            throw new IllegalStateException("tool \"" + t.name() + "\" of toolset \"" + name
                + "\" clashes with " + previous + " on agent \"" + agent.spec.name()
                + "\"; give the toolset a prefix or rename the tool");
          }
          continue; // a tool that appeared later must not shadow one the agent already had
        }
        defs.add(new ToolDefinition(t.name(), t.description(), t.parametersSchema()));
        dynamic.put(t.name(), new Entry(name, source, t));
      }
    }
    return new ToolMenu(List.copyOf(defs), Map.copyOf(dynamic));
  }
}
