package dev.baton.processor.model;

import dev.baton.History;
import dev.baton.graph.AgentKind;
import dev.baton.graph.EdgeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads an agent system from its elements into a {@link SystemModel}. Runs after element
 * validation, so it may assume well-formed methods and supported types.
 */
public final class SystemReader {
  private final Elements elements;
  private final Types types;
  private final SchemaWriter schemas;
  private final ToolReader tools;
  private final CallScanner calls;

  /**
   * @param elements the element utilities
   * @param types the type utilities
   * @param calls finds code agents' sibling calls
   */
  public SystemReader(Elements elements, Types types, CallScanner calls) {
    this.elements = elements;
    this.types = types;
    this.schemas = new SchemaWriter(elements);
    this.tools = new ToolReader(elements, types, schemas);
    this.calls = calls;
  }

  /**
   * The agent methods of a type ({@link AgentKinds#isAgent}), own first, then inherited.
   *
   * @param type the agent system
   * @param types the type utilities
   * @return the methods
   */
  public static List<ExecutableElement> agentMethods(TypeElement type, Types types) {
    return Members.methods(type, types).stream().filter(AgentKinds::isAgent).toList();
  }

  /**
   * Reads a system.
   *
   * @param type the interface or abstract class
   * @return its model
   */
  public SystemModel read(TypeElement type) {
    List<AgentModel> agents = new ArrayList<>();
    Map<TypeElement, ToolClassModel> toolClasses = new LinkedHashMap<>();
    for (ExecutableElement m : agentMethods(type, types)) {
      AgentModel agent = agent(m);
      agents.add(agent);
      for (TypeElement t : agent.toolClasses()) {
        toolClasses.computeIfAbsent(t, c -> tools.read(c, type));
      }
    }
    List<EdgeModel> edges = new ArrayList<>();
    for (AgentModel a : agents) {
      edges.addAll(edges(a, agents));
    }
    return new SystemModel(type, type.getSimpleName().toString(), agents, edges,
        List.copyOf(toolClasses.values()));
  }

  private AgentModel agent(ExecutableElement m) {
    AnnotationMirror agent = Mirrors.find(m, Names.AGENT); // null for a bare fan-out
    String name = Mirrors.string(agent, "name");
    AgentKind kind = AgentKinds.of(m);
    Javadoc doc = Javadoc.of(elements, m);
    List<ParamModel> params = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      String pName = p.getSimpleName().toString();
      String pDoc = SchemaWriter.paramAnnotation(p);
      params.add(new ParamModel(p, pName, p.asType(), pDoc.isEmpty() ? doc.param(pName) : pDoc, false));
    }
    TypeMirror output = kind == AgentKind.FAN_OUT ? elementType(m.getReturnType()) : m.getReturnType();
    List<TypeElement> toolClasses = new ArrayList<>();
    for (AnnotationValue v : Mirrors.array(agent, "tools")) {
      TypeMirror t = Mirrors.classLiteral(v);
      if (t != null && t.getKind() == TypeKind.DECLARED) {
        TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
        if (!toolClasses.contains(e)) {
          toolClasses.add(e);
        }
      }
    }
    AnnotationMirror parallel = Mirrors.find(m, Names.PARALLEL);
    ParallelModel p = parallel == null ? null : new ParallelModel(parallel,
        Mirrors.strings(parallel, "agents"), Mirrors.string(parallel, "timeout"),
        Mirrors.bool(parallel, "failFast"), Mirrors.integer(parallel, "maxConcurrency", 0),
        Mirrors.string(parallel, "over"));
    String history = Mirrors.enumConstant(agent, "history");
    return new AgentModel(m, AgentKinds.agentAnnotation(m),
        name.isEmpty() ? m.getSimpleName().toString() : name,
        kind,
        params,
        output,
        Mirrors.string(agent, "instructions"),
        Mirrors.string(agent, "description"),
        Mirrors.string(agent, "prompt"),
        Mirrors.string(agent, "model"),
        history.equals("NONE") ? History.NONE : History.CONVERSATION,
        Mirrors.integer(agent, "maxTurns", 10),
        toolClasses,
        p,
        schemas.object(params),
        kind == AgentKind.FAN_OUT ? "" : schemas.output(output));
  }

  /** {@code T} of {@code Results<T>} (the bound of {@code ? extends T}). */
  private TypeMirror elementType(TypeMirror results) {
    List<? extends TypeMirror> args = ((DeclaredType) results).getTypeArguments();
    TypeMirror t = args.isEmpty() ? null : args.get(0);
    if (t instanceof WildcardType w) {
      t = w.getExtendsBound();
    }
    return t != null ? t : elements.getTypeElement("java.lang.Object").asType();
  }

  private List<EdgeModel> edges(AgentModel a, List<AgentModel> agents) {
    List<EdgeModel> edges = new ArrayList<>();
    ExecutableElement m = a.method();
    for (AnnotationMirror h : Mirrors.findRepeated(m, Names.HANDOFF, Names.HANDOFF_LIST)) {
      edges.add(new EdgeModel(Mirrors.bool(h, "back") ? EdgeKind.HANDOFF_BACK : EdgeKind.HANDOFF,
          a.name(), Mirrors.string(h, "to"), "", Mirrors.string(h, "description"),
          Location.of(m, h, Mirrors.explicit(h, "to"))));
    }
    for (AnnotationMirror d : Mirrors.findRepeated(m, Names.DELEGATE, Names.DELEGATE_LIST)) {
      edges.add(new EdgeModel(EdgeKind.DELEGATE, a.name(), Mirrors.string(d, "to"),
          Mirrors.string(d, "tool"), Mirrors.string(d, "description"),
          Location.of(m, d, Mirrors.explicit(d, "to"))));
    }
    if (a.kind() == AgentKind.CODE) {
      Set<String> seen = new HashSet<>();
      for (CallScanner.Call call : calls.calls(m)) {
        for (AgentModel target : agents) {
          if (target.methodName().equals(call.method()) && accepts(target.method(), call.arity())
              && seen.add(target.name())) {
            edges.add(new EdgeModel(EdgeKind.CALL, a.name(), target.name(), "", "",
                new Location.OnTree(m, call.path())));
          }
        }
      }
    }
    return edges;
  }

  private static boolean accepts(ExecutableElement method, int arity) {
    int n = method.getParameters().size();
    return method.isVarArgs() ? arity >= n - 1 : arity == n;
  }
}
