package dev.baton.graph;

import dev.baton.graph.internal.Suggestions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structural and type rules of an agent graph: one implementation, run by the annotation
 * processor at compile time (with a {@code javax.lang.model} oracle) and by {@link
 * AgentGraph.Builder#build()} at run time (with {@link TypeOracle#reflection()}).
 *
 * <p>It reports every problem, not only the first, each on the narrowest attribute and value.
 */
public final class GraphValidator {
  private static final Pattern TOOLSET_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_$][A-Za-z0-9_$]*)}");

  private final AgentGraph graph;
  private final TypeOracle oracle;
  private final List<Problem> problems = new ArrayList<>();

  private GraphValidator(AgentGraph graph, TypeOracle oracle) {
    this.graph = graph;
    this.oracle = oracle;
  }

  /**
   * Checks a graph.
   *
   * @param graph the graph
   * @param oracle answers type questions for the graph's {@link TypeRef}s
   * @return every problem found, in a stable order; empty if the graph is valid
   */
  public static List<Problem> validate(AgentGraph graph, TypeOracle oracle) {
    GraphValidator v = new GraphValidator(graph, oracle);
    v.checkAgents();
    v.checkEdges();
    v.checkTools();
    v.checkCycles();
    return List.copyOf(v.problems);
  }

  /** Chat Completions' rule for tool names (function {@code name}). */
  static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  // arguments: name, value, name, value, ...
  private void report(ProblemCode code, String agent, String attribute, String value,
      String... arguments) {
    Map<String, String> args = new LinkedHashMap<>();
    for (int i = 0; i + 1 < arguments.length; i += 2) {
      args.put(arguments[i], arguments[i + 1]);
    }
    problems.add(new Problem(code, agent, attribute, value, args));
  }

  private void checkAgents() {
    Set<String> seen = new HashSet<>();
    for (AgentSpec a : graph.agents()) {
      if (!seen.add(a.name())) {
        report(ProblemCode.DUPLICATE_AGENT, a.name(), "Agent.name", a.name(),
            "agent", a.name(), "graph", graph.name());
      }
      if (a.kind() == AgentKind.LLM && a.instructions().isBlank()) {
        report(ProblemCode.AGENT_SIGNATURE, a.name(), "Agent.instructions", "", "agent", a.name());
      }
      if (a.maxTurns() < 1) {
        report(ProblemCode.MAX_TURNS, a.name(), "Agent.maxTurns", String.valueOf(a.maxTurns()),
            "agent", a.name(), "maxTurns", String.valueOf(a.maxTurns()));
      }
      checkTemplate(a);
      checkToolsets(a);
      if (a.parallel() != null) {
        checkParallel(a, a.parallel());
      }
    }
  }

  private void checkToolsets(AgentSpec a) {
    Set<String> seen = new HashSet<>();
    for (String t : a.toolsets()) {
      if (!TOOLSET_NAME.matcher(t).matches()) {
        report(ProblemCode.TOOLSET, a.name(), "Agent.toolsets", t,
            "agent", a.name(), "toolset", t, "reason", "form");
      } else if (!seen.add(t)) {
        report(ProblemCode.TOOLSET, a.name(), "Agent.toolsets", t,
            "agent", a.name(), "toolset", t, "reason", "repeated");
      }
    }
  }

  private void checkTemplate(AgentSpec a) {
    if (a.prompt().isEmpty()) {
      return;
    }
    List<String> names = a.inputs().stream().map(Input::name).toList();
    Matcher m = PLACEHOLDER.matcher(a.prompt());
    Set<String> reported = new HashSet<>();
    while (m.find()) {
      String p = m.group(1);
      if (!names.contains(p) && reported.add(p)) {
        report(ProblemCode.TEMPLATE_PLACEHOLDER, a.name(), "Agent.prompt", p,
            "agent", a.name(), "placeholder", p, "parameters", String.join(", ", names),
            "suggestion", Suggestions.closest(p, names).orElse(""));
      }
    }
  }

  private void checkParallel(AgentSpec a, ParallelSpec p) {
    if (p.agents().isEmpty()) {
      report(ProblemCode.EMPTY_PARALLEL, a.name(), "Parallel.agents", "", "agent", a.name());
    }
    Set<String> seen = new HashSet<>();
    for (String b : p.agents()) {
      if (!seen.add(b)) {
        report(ProblemCode.DUPLICATE_BRANCH, a.name(), "Parallel.agents", b,
            "agent", a.name(), "branch", b);
      }
    }
    if (!p.timeout().isEmpty()) {
      try {
        p.timeoutDuration();
      } catch (IllegalArgumentException e) {
        report(ProblemCode.TIMEOUT, a.name(), "Parallel.timeout", p.timeout(),
            "agent", a.name(), "timeout", p.timeout(), "reason", e.getMessage());
      }
    }
    if (p.isOverElements()) {
      checkOver(a, p);
    }
    if (p.maxConcurrency() < 0) {
      report(ProblemCode.MAX_CONCURRENCY, a.name(), "Parallel.maxConcurrency",
          String.valueOf(p.maxConcurrency()),
          "agent", a.name(), "maxConcurrency", String.valueOf(p.maxConcurrency()));
    }
  }

  private void checkOver(AgentSpec a, ParallelSpec p) {
    Input over = a.input(p.over());
    List<String> names = a.inputs().stream().map(Input::name).toList();
    if (over == null) {
      report(ProblemCode.OVER_PARAMETER, a.name(), "Parallel.over", p.over(), "agent", a.name(),
          "over", p.over(), "parameters", String.join(", ", names),
          "suggestion", Suggestions.closest(p.over(), names).orElse(""));
    } else if (oracle.elementType(over.type()).isEmpty()) {
      report(ProblemCode.OVER_PARAMETER, a.name(), "Parallel.over", p.over(), "agent", a.name(),
          "over", p.over(), "type", over.type().displayName());
    }
    if (p.agents().size() > 1) {
      report(ProblemCode.OVER_BRANCHES, a.name(), "Parallel.agents", "", "agent", a.name(),
          "over", p.over(), "count", String.valueOf(p.agents().size()));
    }
  }

  private static String attributeOf(Edge e) {
    return switch (e.kind()) {
      case HANDOFF, HANDOFF_BACK -> "Handoff.to";
      case DELEGATE -> "Delegate.to";
      case BRANCH -> "Parallel.agents";
      case CALL -> "call";
    };
  }

  private static String kindOf(AgentKind k) {
    return switch (k) {
      case LLM -> "LLM agent";
      case CODE -> "code agent";
      case FAN_OUT -> "fan-out";
    };
  }

  private void checkEdges() {
    Map<String, AgentSpec> agents = graph.agentsByName();
    for (Edge e : graph.edges()) {
      String kind = e.kind().name();
      AgentSpec from = agents.get(e.from());
      if (from == null) {
        report(ProblemCode.UNKNOWN_AGENT, e.from(), attributeOf(e), e.from(), "edge", kind,
            "from", e.from(), "to", e.to(), "missing", e.from(), "role", "source",
            "graph", graph.name(), "suggestion", Suggestions.closest(e.from(), agents.keySet()).orElse(""));
        continue;
      }
      AgentSpec to = agents.get(e.to());
      if (to == null) {
        report(ProblemCode.UNKNOWN_AGENT, e.from(), attributeOf(e), e.to(), "edge", kind,
            "from", e.from(), "to", e.to(), "missing", e.to(), "role", "target",
            "graph", graph.name(), "suggestion", Suggestions.closest(e.to(), agents.keySet()).orElse(""));
        continue;
      }
      if (e.from().equals(e.to())) {
        report(ProblemCode.SELF_REFERENCE, e.from(), attributeOf(e), e.to(), "edge", kind,
            "from", e.from(), "to", e.to());
        continue;
      }
      if ((e.isHandoff() || e.kind() == EdgeKind.DELEGATE) && from.kind() != AgentKind.LLM) {
        report(ProblemCode.NO_MODEL, e.from(), attributeOf(e), e.to(), "edge", kind,
            "from", e.from(), "to", e.to(), "fromKind", kindOf(from.kind()));
        continue;
      }
      switch (e.kind()) {
        case HANDOFF -> checkHandoffType(from, to);
        case BRANCH -> checkBranch(from, to);
        default -> { }
      }
    }
  }

  private void checkHandoffType(AgentSpec from, AgentSpec to) {
    if (to.kind() == AgentKind.FAN_OUT || from.kind() == AgentKind.FAN_OUT) {
      return;
    }
    if (!oracle.isAssignable(to.output(), from.output())) {
      report(ProblemCode.HANDOFF_TYPE, from.name(), "Handoff.to", to.name(), "edge", "HANDOFF",
          "from", from.name(), "to", to.name(), "fromType", from.output().displayName(),
          "toType", to.output().displayName());
    }
  }

  private void checkBranch(AgentSpec fork, AgentSpec branch) {
    ParallelSpec p = fork.parallel();
    List<Input> byName = branch.inputs();
    if (p != null && p.isOverElements()) {
      if (!checkElement(fork, branch, p)) {
        return;
      }
      byName = byName.subList(1, byName.size());
    }
    for (Input need : byName) {
      Input have = p != null && need.name().equals(p.over()) ? null : fork.input(need.name());
      if (have == null) {
        List<String> names = fork.inputs().stream().map(Input::name)
            .filter(n -> p == null || !n.equals(p.over())).toList();
        report(ProblemCode.BRANCH_INPUT, fork.name(), "Parallel.agents", branch.name(),
            "fork", fork.name(), "branch", branch.name(), "parameter", need.name(),
            "type", need.type().displayName(), "forkParameters", String.join(", ", names),
            "suggestion", Suggestions.closest(need.name(), names).orElse(""));
      } else if (!oracle.isAssignable(have.type(), need.type())) {
        report(ProblemCode.BRANCH_INPUT, fork.name(), "Parallel.agents", branch.name(),
            "fork", fork.name(), "branch", branch.name(), "parameter", need.name(),
            "type", need.type().displayName(), "forkType", have.type().displayName());
      }
    }
    if (fork.kind() == AgentKind.FAN_OUT && branch.kind() != AgentKind.FAN_OUT
        && !oracle.isAssignable(branch.output(), fork.output())) {
      report(ProblemCode.PARALLEL_RESULT, fork.name(), "Parallel.agents", branch.name(),
          "fork", fork.name(), "branch", branch.name(), "branchType", branch.output().displayName(),
          "elementType", fork.output().displayName());
    }
  }

  // A fork over elements passes each element as the branch's first input. False if the branch
  // cannot take it (reported), so that its other inputs are not reported against the wrong rule.
  private boolean checkElement(AgentSpec fork, AgentSpec branch, ParallelSpec p) {
    Input over = fork.input(p.over());
    if (over == null) {
      return false; // reported as OverParameter
    }
    java.util.Optional<TypeRef> element = oracle.elementType(over.type());
    if (element.isEmpty()) {
      return false; // reported as OverParameter
    }
    if (branch.inputs().isEmpty()) {
      report(ProblemCode.BRANCH_INPUT, fork.name(), "Parallel.agents", branch.name(),
          "fork", fork.name(), "branch", branch.name(), "over", p.over(),
          "elementType", element.get().displayName());
      return false;
    }
    Input first = branch.inputs().get(0);
    if (!oracle.isAssignable(element.get(), first.type())) {
      report(ProblemCode.BRANCH_INPUT, fork.name(), "Parallel.agents", branch.name(),
          "fork", fork.name(), "branch", branch.name(), "over", p.over(),
          "elementType", element.get().displayName(), "parameter", first.name(),
          "type", first.type().displayName());
    }
    return true;
  }

  // Every name a model is sent as a tool name, and their uniqueness per agent. A source is
  // "tool:<owner class>", "handoff:<target>" or "delegate:<target>", rendered per vocabulary.
  private void checkTools() {
    for (AgentSpec a : graph.agents()) {
      Map<String, String> origin = new LinkedHashMap<>();
      for (ToolSpec t : a.tools()) {
        offer(a, origin, t.name(), "Agent.tools", t.name(), "tool:" + t.owner());
      }
      for (Edge e : graph.edgesFrom(a.name())) {
        if (e.isHandoff()) {
          offer(a, origin, e.tool(), "Handoff.to", e.to(), "handoff:" + e.to());
        } else if (e.kind() == EdgeKind.DELEGATE) {
          offer(a, origin, e.tool(), "Delegate.tool", e.tool(), "delegate:" + e.to());
        }
      }
    }
  }

  private void offer(AgentSpec a, Map<String, String> origin, String tool, String attribute,
      String value, String source) {
    if (!TOOL_NAME.matcher(tool).matches()) {
      report(ProblemCode.TOOL_NAME, a.name(), attribute, value, "agent", a.name(), "tool", tool,
          "length", String.valueOf(tool.length()), "source", source);
      return;
    }
    String first = origin.putIfAbsent(tool, source);
    if (first != null) {
      report(ProblemCode.DUPLICATE_TOOL, a.name(), attribute, value, "agent", a.name(),
          "tool", tool, "first", first, "second", source);
    }
  }

  // Tarjan's strongly connected components over call-and-return edges: each component of two or
  // more agents holds a cycle, reported once with its whole path.
  private void checkCycles() {
    Map<String, List<Edge>> adj = new LinkedHashMap<>();
    for (AgentSpec a : graph.agents()) {
      adj.putIfAbsent(a.name(), new ArrayList<>());
    }
    for (Edge e : graph.edges()) {
      if (e.kind().returnsToSource() && !e.from().equals(e.to())
          && adj.containsKey(e.from()) && adj.containsKey(e.to())) {
        adj.get(e.from()).add(e);
      }
    }
    Tarjan t = new Tarjan(adj);
    for (String v : adj.keySet()) {
      if (!t.index.containsKey(v)) {
        t.connect(v);
      }
    }
    for (Set<String> component : t.components) {
      if (component.size() < 2) {
        continue;
      }
      String start = adj.keySet().stream().filter(component::contains).findFirst().orElseThrow();
      List<Edge> cycle = findCycle(start, component, adj);
      StringBuilder path = new StringBuilder(start);
      for (Edge e : cycle) {
        path.append(" → ").append(e.to());
      }
      Edge first = cycle.get(0);
      report(ProblemCode.RECURSIVE_CALL, start, attributeOf(first), first.to(),
          "path", path.toString());
    }
  }

  private static List<Edge> findCycle(String start, Set<String> component, Map<String, List<Edge>> adj) {
    // Breadth-first from start back to start inside the component: the shortest cycle.
    Map<String, Edge> via = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (Edge e : adj.get(v)) {
        if (!component.contains(e.to())) {
          continue;
        }
        if (e.to().equals(start)) {
          List<Edge> path = new ArrayList<>();
          path.add(e);
          for (String w = v; !w.equals(start); w = via.get(w).from()) {
            path.add(0, via.get(w));
          }
          return path;
        }
        if (!via.containsKey(e.to())) {
          via.put(e.to(), e);
          queue.add(e.to());
        }
      }
    }
    throw new IllegalStateException("no cycle through " + start);
  }

  private static final class Tarjan {
    final Map<String, List<Edge>> adj;
    final Map<String, Integer> index = new HashMap<>();
    final Map<String, Integer> low = new HashMap<>();
    final Deque<String> stack = new ArrayDeque<>();
    final Set<String> onStack = new HashSet<>();
    final List<Set<String>> components = new ArrayList<>();
    int counter;

    Tarjan(Map<String, List<Edge>> adj) {
      this.adj = adj;
    }

    void connect(String v) {
      index.put(v, counter);
      low.put(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      for (Edge e : adj.get(v)) {
        String w = e.to();
        if (!index.containsKey(w)) {
          connect(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> component = new LinkedHashSet<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        components.add(component);
      }
    }
  }
}
