package dev.baton.processor.validation;

import dev.baton.graph.AgentKind;
import dev.baton.processor.model.Access;
import dev.baton.processor.model.AgentKinds;
import dev.baton.processor.model.Location;
import dev.baton.processor.model.Members;
import dev.baton.processor.model.Mirrors;
import dev.baton.processor.model.Names;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * The element rules of an agent system, checked before its model is read: the enclosing type
 * ({@code EnclosingType}), each agent method's shape ({@code AgentSignature}), its types ({@code
 * UnsupportedType}, {@code ParallelResult} for fan-outs) and its tool classes ({@code
 * ToolSignature}, via {@link ToolValidator}). Graph rules are the shared validator's business.
 */
public final class ElementValidator {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Types types;
  private final ToolValidator tools;

  /**
   * @param types the type utilities
   * @param tools validates tool classes, once each
   */
  public ElementValidator(Types types, ToolValidator tools) {
    this.types = types;
    this.tools = tools;
  }

  /**
   * Checks an agent system's type and methods.
   *
   * @param type the type enclosing {@code @Agent} methods
   * @return the report
   */
  public Report validate(TypeElement type) {
    Report report = new Report();
    if (!checkType(type, report)) {
      return report;
    }
    for (ExecutableElement m : Members.methods(type, types)) {
      if (AgentKinds.isAgent(m)) {
        checkAgent(m, report);
      } else if (m.getModifiers().contains(Modifier.ABSTRACT) && !Members.isObjectMethod(m)
          && !hasWiring(m)) {
        boolean own = m.getEnclosingElement().equals(type);
        report.add(Message.ABSTRACT_NON_AGENT, Location.of(own ? m : type),
            m.getSimpleName() + "()", m.getEnclosingElement().getSimpleName());
      }
    }
    return report;
  }

  // Wiring without @Agent is reported as NotAnAgent already; one mistake, one error.
  private static boolean hasWiring(ExecutableElement m) {
    return Mirrors.has(m, Names.PARALLEL) || Mirrors.has(m, Names.HANDOFF)
        || Mirrors.has(m, Names.HANDOFF_LIST) || Mirrors.has(m, Names.DELEGATE)
        || Mirrors.has(m, Names.DELEGATE_LIST);
  }

  /** Checks the type; false if it is no interface or abstract class, so its methods mean nothing. */
  private boolean checkType(TypeElement type, Report report) {
    String name = type.getSimpleName().toString();
    String runner = name + "Runner";
    Location at = Location.of(type);
    ElementKind kind = type.getKind();
    if (kind != ElementKind.INTERFACE && kind != ElementKind.CLASS) {
      report.add(Message.ENCLOSING_KIND, at, name, "a" + (kind == ElementKind.ENUM ? "n " : " ")
          + kind.toString().toLowerCase().replace('_', ' '));
      return false;
    }
    if (kind == ElementKind.CLASS && !type.getModifiers().contains(Modifier.ABSTRACT)) {
      report.add(Message.ENCLOSING_KIND, at, name, type.getModifiers().contains(Modifier.FINAL)
          ? "a final class" : "a concrete class");
      return false;
    }
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      report.add(Message.ENCLOSING_LOCAL, at, name);
      return false;
    }
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        report.add(Message.ENCLOSING_PRIVATE, Location.of(t), t.getSimpleName(), runner);
      }
    }
    if (kind == ElementKind.CLASS && type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)) {
      report.add(Message.ENCLOSING_INNER, at, name, runner);
    }
    if (!type.getTypeParameters().isEmpty()) {
      report.add(Message.ENCLOSING_GENERIC, at, name, type.getTypeParameters());
    }
    if (type.getModifiers().contains(Modifier.SEALED)) {
      report.add(Message.ENCLOSING_SEALED, at, name, runner);
    }
    if (kind == ElementKind.CLASS
        && ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .noneMatch(c -> c.getParameters().isEmpty()
                && !c.getModifiers().contains(Modifier.PRIVATE))) {
      report.add(Message.ENCLOSING_CONSTRUCTOR, at, name, runner);
    }
    return true;
  }

  private void checkAgent(ExecutableElement m, Report report) {
    AnnotationMirror agent = Mirrors.find(m, Names.AGENT); // null for a bare fan-out
    String method = m.getSimpleName() + "()";
    Set<Modifier> modifiers = m.getModifiers();
    Location at = Location.of(m, AgentKinds.agentAnnotation(m));
    if (modifiers.contains(Modifier.PRIVATE)) {
      report.add(Message.AGENT_PRIVATE, at, method);
    }
    if (modifiers.contains(Modifier.STATIC)) {
      report.add(Message.AGENT_STATIC, at, method);
    }
    if (modifiers.contains(Modifier.FINAL)) {
      report.add(Message.AGENT_FINAL, at, method);
    }
    if (!m.getTypeParameters().isEmpty()) {
      report.add(Message.AGENT_GENERIC, Location.of(m), method, m.getTypeParameters());
    }
    String clash = clash(m);
    if (clash != null) {
      report.add(Message.AGENT_CLASH, Location.of(m), method, clash);
    }
    AnnotationValue name = Mirrors.explicit(agent, "name");
    if (name != null && !NAME.matcher(String.valueOf(name.getValue())).matches()) {
      report.add(Message.AGENT_NAME, Location.of(m, agent, name), name.getValue());
    }
    for (AnnotationMirror d : Mirrors.findRepeated(m, Names.DELEGATE, Names.DELEGATE_LIST)) {
      AnnotationValue tool = Mirrors.explicit(d, "tool");
      if (tool != null && !String.valueOf(tool.getValue()).isEmpty()
          && !NAME.matcher(String.valueOf(tool.getValue())).matches()) {
        report.add(Message.TOOL_NAME, Location.of(m, d, tool), tool.getValue(),
            String.valueOf(tool.getValue()).length(), "@Delegate(tool = ...)");
      }
    }

    AgentKind kind = AgentKinds.of(m);
    AnnotationMirror parallel = Mirrors.find(m, Names.PARALLEL);
    if (parallel != null && kind == AgentKind.CODE) {
      report.add(Message.PARALLEL_ON_CODE_AGENT, Location.of(m, parallel), method);
    }
    if (parallel != null && kind == AgentKind.LLM && Mirrors.string(agent, "instructions").isBlank()) {
      report.add(Message.PARALLEL_RESULT, Location.of(m, parallel), method,
          TypeSupport.simple(m.getReturnType()));
    }
    for (VariableElement p : m.getParameters()) {
      String problem = TypeSupport.problem(p.asType());
      if (problem != null) {
        report.add(Message.UNSUPPORTED_PARAMETER, Location.of(p), p.getSimpleName(), method,
            TypeSupport.simple(p.asType()), problem);
      }
    }
    checkReturn(m, kind, report);
    checkTools(m, agent, kind, report);
  }

  private void checkReturn(ExecutableElement m, AgentKind kind, Report report) {
    String method = m.getSimpleName() + "()";
    TypeMirror r = m.getReturnType();
    if (r.getKind() == TypeKind.VOID) {
      report.add(Message.UNSUPPORTED_VOID, Location.of(m), method);
      return;
    }
    if (AgentKinds.isResults(r)) {
      if (kind != AgentKind.FAN_OUT) {
        report.add(Message.UNSUPPORTED_RESULTS, Location.of(m),
            (kind == AgentKind.CODE ? "code agent " : "LLM agent ") + method, TypeSupport.simple(r));
        return;
      }
      List<? extends TypeMirror> args = ((DeclaredType) r).getTypeArguments();
      TypeMirror element = args.isEmpty() ? null : args.get(0);
      if (element != null && element.getKind() == TypeKind.WILDCARD) {
        element = ((javax.lang.model.type.WildcardType) element).getExtendsBound();
      }
      if (element == null) {
        report.add(Message.RESULTS_ELEMENT, Location.of(m), method, TypeSupport.simple(r));
        return;
      }
      r = element;
    }
    String problem = TypeSupport.problem(r);
    if (problem != null) {
      report.add(Message.UNSUPPORTED_RETURN, Location.of(m), method, TypeSupport.simple(r), problem);
    }
  }

  private void checkTools(ExecutableElement m, AnnotationMirror agent, AgentKind kind, Report report) {
    List<AnnotationValue> values = Mirrors.array(agent, "tools");
    if (!values.isEmpty() && kind != AgentKind.LLM) {
      report.add(Message.TOOLS_WITHOUT_MODEL, Location.of(m, agent, Mirrors.explicit(agent, "tools")),
          kind == AgentKind.CODE ? "code agent" : "fan-out", m.getSimpleName() + "()");
    }
    for (AnnotationValue v : values) {
      TypeMirror t = Mirrors.classLiteral(v);
      if (t == null || t.getKind() == TypeKind.ERROR) {
        continue; // javac reports the unresolved class itself
      }
      if (!(t instanceof DeclaredType d)) {
        report.add(Message.TOOL_CLASS_EMPTY, Location.of(m, agent, v), t);
        continue;
      }
      TypeElement cls = (TypeElement) d.asElement();
      report.addAll(tools.validate(cls));
      if (Access.privateEnclosing(cls) == null && !Access.canName(cls, m)) {
        TypeElement system = (TypeElement) m.getEnclosingElement();
        report.add(Message.TOOL_CLASS_ACCESS, Location.of(m, agent, v), cls.getSimpleName(),
            Access.packageOf(cls).getQualifiedName(), system.getSimpleName() + "Runner",
            Access.packageOf(m).getQualifiedName(), cls.getSimpleName(),
            Access.packageOf(m).getQualifiedName());
      }
      if (!tools.isValid(cls)) {
        report.fail();
      }
      if (!tools.hasTools(cls)) {
        report.add(Message.TOOL_CLASS_EMPTY, Location.of(m, agent, v), cls.getSimpleName());
      }
    }
  }

  // The runner declares graph(), orchestrator(), start(Function), with(RunOptions), resume(RunState), builder().
  private String clash(ExecutableElement m) {
    String name = m.getSimpleName().toString();
    List<? extends VariableElement> params = m.getParameters();
    if (params.isEmpty()) {
      return switch (name) {
        case "graph" -> "AgentRunner.graph()";
        case "orchestrator" -> "AgentRunner.orchestrator()";
        case "builder" -> "the static builder()";
        default -> null;
      };
    }
    if (params.size() != 1) {
      return null;
    }
    String param = types.erasure(params.get(0).asType()).toString();
    return switch (name) {
      case "start" -> param.equals("java.util.function.Function") ? "AgentRunner.start(Function)" : null;
      case "with" -> param.equals("dev.baton.runtime.RunOptions") ? "AgentRunner.with(RunOptions)" : null;
      case "resume" -> param.equals("dev.baton.runtime.RunState") ? "AgentRunner.resume(RunState)" : null;
      default -> null;
    };
  }
}
