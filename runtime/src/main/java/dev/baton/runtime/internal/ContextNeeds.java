package dev.baton.runtime.internal;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentSpec;
import dev.baton.graph.Edge;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.RunSetupException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code @Context} types a run needs objects of, per entry agent: those of every tool of every
 * agent the entry reaches through handoffs, delegates, branches and code-agent calls. A run that
 * lacks one fails at its start, before any model call, instead of showing the model an error
 * result from deep inside a tool. Thread-safe; the needs of an entry are computed once.
 */
final class ContextNeeds {
  /** One {@code @Context} type and the first tool (and its agent) that needs it. */
  private record Need(String type, String tool, String agent) {}

  private final AgentGraph graph;
  private final Map<String, List<Need>> byEntry = new ConcurrentHashMap<>();

  ContextNeeds(AgentGraph graph) {
    this.graph = graph;
  }

  /**
   * Checks that the run has a context object for every {@code @Context} type reachable from its
   * entry.
   *
   * @throws RunSetupException naming each missing type, a tool that needs it and how to pass one
   */
  void check(String entry, RunImpl<?> run) {
    List<Need> needs = byEntry.computeIfAbsent(entry, this::needsOf);
    if (needs.isEmpty()) {
      return;
    }
    Set<String> held = new HashSet<>();
    for (Object o : run.options().context()) {
      addTypeNames(o.getClass(), held);
    }
    List<String> missing = new ArrayList<>();
    for (Need n : needs) {
      if (!held.contains(n.type())) {
        String simple = n.type().substring(n.type().lastIndexOf('.') + 1);
        missing.add("no context object of type " + n.type() + ", which tool \"" + n.tool()
            + "\" of agent \"" + n.agent() + "\" takes as @Context; pass one with"
            + " RunOptions.builder().context(" + simple + " object) in the runner builder's"
            + " .options(...) or in runner.with(...)");
      }
    }
    if (!missing.isEmpty()) {
      throw new RunSetupException(run.id(), entry, "run " + run.id() + " has "
          + String.join("; and ", missing));
    }
  }

  private List<Need> needsOf(String entry) {
    Map<String, Need> needs = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(entry);
    while (!todo.isEmpty()) {
      String name = todo.poll();
      if (!seen.add(name)) {
        continue;
      }
      AgentSpec agent = graph.findAgent(name).orElse(null);
      if (agent == null) {
        continue;
      }
      for (ToolSpec t : agent.tools()) {
        for (String type : t.contextTypes()) {
          needs.putIfAbsent(type, new Need(type, t.name(), name));
        }
      }
      for (Edge e : graph.edgesFrom(name)) {
        todo.add(e.to());
      }
    }
    return List.copyOf(needs.values());
  }

  // Canonical names, as the processor writes them (Outer.Inner, not Outer$Inner), of the class,
  // its superclasses and every interface: a context object serves each type it is an instance of.
  private static void addTypeNames(Class<?> type, Set<String> into) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      addInterfaces(c, into);
    }
  }

  private static void addInterfaces(Class<?> c, Set<String> into) {
    String name = c.getCanonicalName();
    if (!into.add(name == null ? c.getName() : name)) {
      return;
    }
    for (Class<?> i : c.getInterfaces()) {
      addInterfaces(i, into);
    }
  }
}
