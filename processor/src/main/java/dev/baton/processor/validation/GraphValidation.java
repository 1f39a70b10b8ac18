package dev.baton.processor.validation;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentSpec;
import dev.baton.graph.EdgeKind;
import dev.baton.graph.Input;
import dev.baton.graph.ParallelSpec;
import dev.baton.graph.Problem;
import dev.baton.graph.ProblemCode;
import dev.baton.graph.ToolSpec;
import dev.baton.processor.model.AgentModel;
import dev.baton.processor.model.EdgeModel;
import dev.baton.processor.model.Location;
import dev.baton.processor.model.Mirrors;
import dev.baton.processor.model.ParamModel;
import dev.baton.processor.model.ParallelModel;
import dev.baton.processor.model.SystemModel;
import dev.baton.processor.model.ToolClassModel;
import dev.baton.processor.model.ToolModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Runs the shared graph rules ({@code dev.baton.graph.GraphValidator}) on a system model, through
 * the same fluent builder the generated runner uses, with a {@link MirrorTypeOracle}; then places
 * each problem on the annotation value that causes it.
 */
public final class GraphValidation {
  private final Types types;

  /** @param types the compiler's type utilities */
  public GraphValidation(Types types) {
    this.types = types;
  }

  /**
   * The graph of a system and its problems.
   *
   * @param graph the graph as specified (not validated by {@code build()})
   * @param report its problems, placed; and warnings
   */
  public record Result(AgentGraph graph, Report report) {}

  /**
   * Validates a system's graph.
   *
   * @param model the system
   * @return the graph and the report
   */
  public Result validate(SystemModel model) {
    AgentGraph.Builder builder = AgentGraph.builder(model.name()).typeOracle(new MirrorTypeOracle(types));
    Map<TypeElement, List<ToolSpec>> specs = new HashMap<>();
    for (ToolClassModel c : model.toolClasses()) {
      specs.put(c.type(), toolSpecs(c));
    }
    for (AgentModel a : model.agents()) {
      builder.agent(spec(a, specs));
    }
    for (EdgeModel e : model.edges()) {
      switch (e.kind()) {
        case HANDOFF, HANDOFF_BACK ->
            builder.handoff(e.from(), e.to(), e.kind() == EdgeKind.HANDOFF_BACK, e.description());
        case DELEGATE -> builder.delegate(e.from(), e.to(), e.tool(), e.description());
        case CALL -> builder.call(e.from(), e.to());
        case BRANCH -> { } // added with the forking agent's ParallelSpec
      }
    }
    Report report = new Report();
    List<Problem> problems = builder.validate();
    Map<String, Integer> duplicates = new HashMap<>();
    for (Problem p : problems) {
      report.add(p, locate(p, model, duplicates));
    }
    AgentGraph graph = builder.graph();
    if (problems.isEmpty()) {
      warnMissingDescriptions(model, report);
    }
    return new Result(graph, report);
  }

  /**
   * The tool specs of a tool class, as its generated invoker declares them.
   *
   * @param c the tool class
   * @return one spec per tool
   */
  public static List<ToolSpec> toolSpecs(ToolClassModel c) {
    List<ToolSpec> result = new ArrayList<>();
    for (ToolModel t : c.tools()) {
      result.add(new ToolSpec(t.name(), t.description(), t.schema(), t.approval(), c.owner(),
          t.contextTypes()));
    }
    return result;
  }

  private static AgentSpec spec(AgentModel a, Map<TypeElement, List<ToolSpec>> specs) {
    List<Input> inputs = new ArrayList<>();
    for (ParamModel p : a.params()) {
      inputs.add(new Input(p.name(), new MirrorTypeRef(p.type()), p.description()));
    }
    List<ToolSpec> tools = new ArrayList<>();
    for (TypeElement t : a.toolClasses()) {
      tools.addAll(specs.getOrDefault(t, List.of()));
    }
    ParallelModel p = a.parallel();
    ParallelSpec parallel = p == null ? null
        : new ParallelSpec(p.agents(), p.timeout(), p.failFast(), p.maxConcurrency(), p.over());
    return new AgentSpec(a.name(), a.kind(), inputs, new MirrorTypeRef(a.output()), a.instructions(),
        a.description(), a.prompt(), a.model(), tools, a.history(), a.maxTurns(), parallel,
        a.inputSchema(), a.outputSchema(), Mirrors.strings(a.mirror(), "toolsets"));
  }

  private Location locate(Problem p, SystemModel model, Map<String, Integer> duplicates) {
    AgentModel agent = null;
    if (p.code() == ProblemCode.DUPLICATE_AGENT && p.attribute().equals("Agent.name")) {
      // The validator reports the second, third, ... agent of a name: the n-th duplicate.
      int n = duplicates.merge(p.agent(), 1, Integer::sum);
      agent = model.agents().stream().filter(a -> a.name().equals(p.agent())).skip(n).findFirst()
          .orElse(null);
    }
    if (agent == null) {
      agent = model.agents().stream().filter(a -> a.name().equals(p.agent())).findFirst().orElse(null);
    }
    if (agent == null) {
      return Location.of(model.type());
    }
    AgentModel a = agent;
    Location onAgent = Location.of(a.method(), a.mirror());
    String attribute = p.attribute();
    switch (attribute) {
      case "Handoff.to":
        return edge(model, a, p.value(), EdgeKind.HANDOFF, EdgeKind.HANDOFF_BACK, onAgent);
      case "Delegate.to":
        return edge(model, a, p.value(), EdgeKind.DELEGATE, EdgeKind.DELEGATE, onAgent);
      case "call":
        return edge(model, a, p.value(), EdgeKind.CALL, EdgeKind.CALL, onAgent);
      case "Delegate.tool":
        return delegateTool(model, a, p.value(), onAgent);
      case "Agent.tools":
        return toolClass(model, a, p.value(), onAgent);
      case "Agent.toolsets":
        return Location.of(a.method(), a.mirror(), Mirrors.arrayElement(a.mirror(), "toolsets", p.value()));
      default:
        break;
    }
    if (attribute.startsWith("Parallel.") && a.parallel() != null) {
      AnnotationMirror m = a.parallel().mirror();
      String member = attribute.substring("Parallel.".length());
      AnnotationValue v = !member.equals("agents") || p.value().isEmpty()
          ? Mirrors.explicit(m, member)
          : p.code() == ProblemCode.DUPLICATE_BRANCH
              ? Mirrors.lastArrayElement(m, "agents", p.value()) // the repeat, not the first
              : Mirrors.arrayElement(m, "agents", p.value());
      return Location.of(a.method(), m, v);
    }
    if (attribute.startsWith("Agent.")) {
      return Location.of(a.method(), a.mirror(),
          Mirrors.explicit(a.mirror(), attribute.substring("Agent.".length())));
    }
    return onAgent;
  }

  private static Location edge(SystemModel model, AgentModel from, String to, EdgeKind kind,
      EdgeKind alt, Location fallback) {
    for (EdgeModel e : model.edges()) {
      if (e.from().equals(from.name()) && e.to().equals(to) && (e.kind() == kind || e.kind() == alt)) {
        return e.location();
      }
    }
    return fallback;
  }

  private static Location delegateTool(SystemModel model, AgentModel from, String tool,
      Location fallback) {
    for (EdgeModel e : model.edges()) {
      if (e.kind() == EdgeKind.DELEGATE && e.from().equals(from.name())
          && (e.tool().isEmpty() ? e.to() : e.tool()).equals(tool)
          && e.location() instanceof Location.OnElement l && l.mirror() != null) {
        AnnotationValue v = Mirrors.explicit(l.mirror(), "tool");
        return v != null ? Location.of(l.element(), l.mirror(), v) : l;
      }
    }
    return fallback;
  }

  // A duplicate tool name offered by a tool class: underline that class in tools = {...}.
  private static Location toolClass(SystemModel model, AgentModel a, String tool, Location fallback) {
    Map<String, TypeElement> owners = new LinkedHashMap<>();
    for (ToolClassModel c : model.toolClasses()) {
      if (a.toolClasses().contains(c.type())) {
        for (ToolModel t : c.tools()) {
          owners.put(t.name(), c.type()); // the last owner of a name is the one reported
        }
      }
    }
    TypeElement owner = owners.get(tool);
    if (owner == null) {
      return fallback;
    }
    for (AnnotationValue v : Mirrors.array(a.mirror(), "tools")) {
      TypeMirror t = Mirrors.classLiteral(v);
      if (t instanceof DeclaredType d && d.asElement().equals(owner)) {
        return Location.of(a.method(), a.mirror(), v);
      }
    }
    return fallback;
  }

  private static void warnMissingDescriptions(SystemModel model, Report report) {
    Map<String, AgentModel> byName = new HashMap<>();
    model.agents().forEach(a -> byName.put(a.name(), a));
    for (EdgeModel e : model.edges()) {
      AgentModel target = byName.get(e.to());
      boolean offeredAsTool = e.kind() == EdgeKind.DELEGATE || e.kind() == EdgeKind.HANDOFF
          || e.kind() == EdgeKind.HANDOFF_BACK;
      if (offeredAsTool && target != null && e.description().isBlank()
          && target.description().isBlank()) {
        String label = e.kind() == EdgeKind.DELEGATE ? "@Delegate" : "@Handoff";
        report.add(Message.MISSING_DESCRIPTION, e.location(), e.to(), label, e.from(), e.to());
      }
    }
  }
}
