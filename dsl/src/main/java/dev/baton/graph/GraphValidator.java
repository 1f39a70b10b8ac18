package dev.baton.graph;

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

  private void report(ProblemCode code, String agent, String attribute, String value, String message) {
    problems.add(new Problem(code, agent, attribute, value, message));
  }

  private void checkAgents() {
    Set<String> seen = new HashSet<>();
    for (AgentSpec a : graph.agents()) {
      if (!seen.add(a.name())) {
        report(ProblemCode.DUPLICATE_AGENT, a.name(), "Agent.name", a.name(),
            "agent name \"" + a.name() + "\" is used by more than one @Agent of " + graph.name()
                + "; agent names must be unique (set @Agent(name = ...) to rename one)");
      }
      if (a.kind() == AgentKind.LLM && a.instructions().isBlank()) {
        report(ProblemCode.AGENT_SIGNATURE, a.name(), "Agent.instructions", "",
            "LLM agent \"" + a.name() + "\" has no instructions; abstract @Agent methods need"
                + " @Agent(instructions = ...), or a default body to be a code agent");
      }
      if (a.maxTurns() < 1) {
        report(ProblemCode.AGENT_SIGNATURE, a.name(), "Agent.maxTurns", String.valueOf(a.maxTurns()),
            "maxTurns of \"" + a.name() + "\" is " + a.maxTurns() + "; it must be at least 1");
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
        report(ProblemCode.TOOLSET, a.name(), "Agent.toolsets", t, "toolset name \"" + t
            + "\" of \"" + a.name() + "\" must be a letter followed by letters, digits, '_' or '-'");
      } else if (!seen.add(t)) {
        report(ProblemCode.TOOLSET, a.name(), "Agent.toolsets", t, "toolset \"" + t
            + "\" is listed more than once on \"" + a.name() + "\"; list each toolset once");
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
            "prompt placeholder {" + p + "} of \"" + a.name() + "\" names no parameter; parameters are "
                + names + Suggestions.didYouMean(p, names));
      }
    }
  }

  private void checkParallel(AgentSpec a, ParallelSpec p) {
    if (p.agents().isEmpty()) {
      report(ProblemCode.AGENT_SIGNATURE, a.name(), "Parallel.agents", "",
          "@Parallel of \"" + a.name() + "\" lists no agents; name at least one branch agent");
    }
    Set<String> seen = new HashSet<>();
    for (String b : p.agents()) {
      if (!seen.add(b)) {
        report(ProblemCode.DUPLICATE_AGENT, a.name(), "Parallel.agents", b,
            "@Parallel of \"" + a.name() + "\" lists \"" + b + "\" more than once; each branch agent"
                + " appears once (results are keyed by agent)");
      }
    }
    if (!p.timeout().isEmpty()) {
      try {
        p.timeoutDuration();
      } catch (IllegalArgumentException e) {
        report(ProblemCode.TIMEOUT, a.name(), "Parallel.timeout", p.timeout(),
            "@Parallel " + e.getMessage() + " (on \"" + a.name() + "\")");
      }
    }
    if (p.maxConcurrency() < 0) {
      report(ProblemCode.AGENT_SIGNATURE, a.name(), "Parallel.maxConcurrency",
          String.valueOf(p.maxConcurrency()),
          "@Parallel maxConcurrency of \"" + a.name() + "\" is " + p.maxConcurrency()
              + "; it must be 0 (no bound) or positive");
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

  private static String annotationOf(Edge e) {
    return switch (e.kind()) {
      case HANDOFF, HANDOFF_BACK -> "@Handoff target";
      case DELEGATE -> "@Delegate target";
      case BRANCH -> "@Parallel branch";
      case CALL -> "called agent";
    };
  }

  private void checkEdges() {
    Map<String, AgentSpec> agents = graph.agentsByName();
    for (Edge e : graph.edges()) {
      AgentSpec from = agents.get(e.from());
      if (from == null) {
        report(ProblemCode.UNKNOWN_AGENT, e.from(), attributeOf(e), e.from(),
            e.kind().label() + " source \"" + e.from() + "\" is not an @Agent of " + graph.name()
                + Suggestions.didYouMean(e.from(), agents.keySet()));
        continue;
      }
      AgentSpec to = agents.get(e.to());
      if (to == null) {
        report(ProblemCode.UNKNOWN_AGENT, e.from(), attributeOf(e), e.to(),
            annotationOf(e) + " \"" + e.to() + "\" is not an @Agent of " + graph.name()
                + Suggestions.didYouMean(e.to(), agents.keySet()));
        continue;
      }
      if (e.from().equals(e.to())) {
        report(ProblemCode.SELF_REFERENCE, e.from(), attributeOf(e), e.to(),
            annotationOf(e) + " \"" + e.to() + "\" is the agent itself; an agent does not "
                + (e.kind() == EdgeKind.BRANCH ? "fork into" : e.kind() == EdgeKind.CALL ? "call" : "hand off or delegate to")
                + " itself (use maxTurns or a code-agent loop to repeat work)");
        continue;
      }
      if ((e.isHandoff() || e.kind() == EdgeKind.DELEGATE) && from.kind() != AgentKind.LLM) {
        report(ProblemCode.AGENT_SIGNATURE, e.from(), attributeOf(e), e.to(),
            "\"" + e.from() + "\" is a " + (from.kind() == AgentKind.CODE ? "code agent" : "fan-out")
                + " and has no model to choose a " + e.kind().label() + "; "
                + (from.kind() == AgentKind.CODE ? "call \"" + e.to() + "\" from its body instead"
                    : "put @" + (e.isHandoff() ? "Handoff" : "Delegate") + " on an LLM agent"));
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
      report(ProblemCode.HANDOFF_TYPE, from.name(), "Handoff.to", to.name(),
          "one-way @Handoff target \"" + to.name() + "\" returns " + to.output().displayName()
              + ", which is not assignable to " + from.output().displayName() + ", the return type of \""
              + from.name() + "\"; its output becomes \"" + from.name()
              + "\"'s output, so return a compatible type or use back = true");
    }
  }

  private void checkBranch(AgentSpec fork, AgentSpec branch) {
    for (Input need : branch.inputs()) {
      Input have = fork.input(need.name());
      if (have == null) {
        List<String> names = fork.inputs().stream().map(Input::name).toList();
        report(ProblemCode.BRANCH_INPUT, fork.name(), "Parallel.agents", branch.name(),
            "branch \"" + branch.name() + "\" takes parameter \"" + need.name() + "\" ("
                + need.type().displayName() + "), but \"" + fork.name() + "\" has no parameter of that name"
                + "; branch parameters are bound by name (\"" + fork.name() + "\" has " + names + ")"
                + Suggestions.didYouMean(need.name(), names));
      } else if (!oracle.isAssignable(have.type(), need.type())) {
        report(ProblemCode.BRANCH_INPUT, fork.name(), "Parallel.agents", branch.name(),
            "branch \"" + branch.name() + "\" takes parameter \"" + need.name() + "\" as "
                + need.type().displayName() + ", but \"" + fork.name() + "\" passes "
                + have.type().displayName() + ", which is not assignable to it");
      }
    }
    if (fork.kind() == AgentKind.FAN_OUT && branch.kind() != AgentKind.FAN_OUT
        && !oracle.isAssignable(branch.output(), fork.output())) {
      report(ProblemCode.PARALLEL_RESULT, fork.name(), "Parallel.agents", branch.name(),
          "branch \"" + branch.name() + "\" returns " + branch.output().displayName()
              + ", which is not assignable to " + fork.output().displayName() + ", the element type of \""
              + fork.name() + "\"'s Results<" + fork.output().displayName() + ">");
    }
  }

  private void checkTools() {
    for (AgentSpec a : graph.agents()) {
      Map<String, String> origin = new LinkedHashMap<>();
      for (ToolSpec t : a.tools()) {
        claim(a, origin, t.name(), "Agent.tools", t.name(), "@Tool of " + simpleName(t.owner()));
      }
      for (Edge e : graph.edgesFrom(a.name())) {
        if (e.isHandoff()) {
          claim(a, origin, e.tool(), "Handoff.to", e.to(), "@Handoff to \"" + e.to() + "\"");
        } else if (e.kind() == EdgeKind.DELEGATE) {
          claim(a, origin, e.tool(), "Delegate.tool", e.tool(), "@Delegate to \"" + e.to() + "\"");
        }
      }
    }
  }

  private void claim(AgentSpec a, Map<String, String> origin, String tool, String attribute,
      String value, String source) {
    String first = origin.putIfAbsent(tool, source);
    if (first != null) {
      report(ProblemCode.DUPLICATE_TOOL, a.name(), attribute, value,
          "tool name \"" + tool + "\" of \"" + a.name() + "\" is offered by both " + first + " and "
              + source + "; the model tells tools apart by name, so each must be unique");
    }
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
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
          "agents call each other in a cycle: " + path + "; back-handoffs, delegates, fan-out branches"
              + " and code-agent calls return to their caller, so they must not form a cycle"
              + " (a one-way @Handoff may loop)");
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
