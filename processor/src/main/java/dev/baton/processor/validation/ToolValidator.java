package dev.baton.processor.validation;

import dev.baton.processor.model.Access;
import dev.baton.processor.model.Location;
import dev.baton.processor.model.Mirrors;
import dev.baton.processor.model.Names;
import dev.baton.processor.model.ToolReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The rules of tool classes and {@code @Tool} methods ({@code ToolSignature}, {@code
 * UnsupportedType}, {@code DuplicateTool} inside one class). Each class is checked once per
 * compilation, however many agents list it; later requests return an empty report and whether the
 * class was valid is remembered.
 */
public final class ToolValidator {
  private final Types types;
  private final Map<String, Boolean> validated = new HashMap<>();

  /** @param types the type utilities */
  public ToolValidator(Types types) {
    this.types = types;
  }

  /**
   * Checks a tool class, the first time it is asked for.
   *
   * @param cls the class
   * @return its problems the first time; empty afterwards
   */
  public Report validate(TypeElement cls) {
    String key = cls.getQualifiedName().toString();
    if (validated.containsKey(key)) {
      return new Report();
    }
    Report report = check(cls);
    validated.put(key, !report.hasErrors());
    return report;
  }

  /** Whether a class has at least one {@code @Tool} method. */
  boolean hasTools(TypeElement cls) {
    return !ToolReader.toolMethods(cls, types).isEmpty();
  }

  /**
   * Whether a class checked before had no errors.
   *
   * @param cls the class
   * @return false if it had errors; true if it had none or was not checked
   */
  public boolean isValid(TypeElement cls) {
    return validated.getOrDefault(cls.getQualifiedName().toString(), true);
  }

  private Report check(TypeElement cls) {
    Report report = new Report();
    String name = cls.getSimpleName().toString();
    List<ExecutableElement> toolMethods = ToolReader.toolMethods(cls, types);
    if (toolMethods.isEmpty()) {
      return report;
    }
    // Package-private classes are fine for runners in their package; ElementValidator checks
    // each system's reach. A private class (or one inside a private class) no generated code reaches.
    TypeElement hidden = Access.privateEnclosing(cls);
    if (hidden != null) {
      report.add(Message.TOOL_CLASS_PRIVATE, Location.of(hidden), name, hidden.getSimpleName());
    }
    boolean inner = cls.getNestingKind() == NestingKind.MEMBER && cls.getKind() == ElementKind.CLASS
        && !cls.getModifiers().contains(Modifier.STATIC);
    if (inner || cls.getNestingKind() == NestingKind.LOCAL
        || cls.getNestingKind() == NestingKind.ANONYMOUS) {
      report.add(Message.TOOL_CLASS_NESTING, Location.of(cls), name);
    }
    if (!cls.getTypeParameters().isEmpty()) {
      report.add(Message.TOOL_CLASS_GENERIC, Location.of(cls), name, cls.getTypeParameters());
    }
    Map<String, ExecutableElement> byName = new HashMap<>();
    for (ExecutableElement m : toolMethods) {
      checkMethod(cls, m, byName, report);
    }
    return report;
  }

  private void checkMethod(TypeElement cls, ExecutableElement m, Map<String, ExecutableElement> byName,
      Report report) {
    AnnotationMirror tool = Mirrors.find(m, Names.TOOL);
    String method = m.getSimpleName() + "()";
    Location at = Location.of(m, tool);
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      report.add(Message.TOOL_PRIVATE, at, method);
    } else if (!Access.canCall(m, cls)) {
      boolean own = m.getEnclosingElement().equals(cls);
      report.add(Message.TOOL_METHOD_ACCESS, own ? at : Location.of(cls), method,
          m.getEnclosingElement().getSimpleName(), Access.packageOf(cls).getQualifiedName());
    }
    if (m.getModifiers().contains(Modifier.STATIC)) {
      report.add(Message.TOOL_STATIC, at, method);
    }
    if (!m.getTypeParameters().isEmpty()) {
      report.add(Message.TOOL_GENERIC, Location.of(m), method, m.getTypeParameters());
    }
    AnnotationValue nameValue = Mirrors.explicit(tool, "name");
    String toolName = m.getSimpleName().toString();
    boolean named = nameValue != null && !String.valueOf(nameValue.getValue()).isEmpty();
    if (named) {
      toolName = String.valueOf(nameValue.getValue());
    }
    if (!ElementValidator.NAME.matcher(toolName).matches()) {
      // A method name is a valid identifier, so only its length can break the rule.
      report.add(Message.TOOL_NAME, named ? Location.of(m, tool, nameValue) : Location.of(m),
          toolName, toolName.length(), named ? "@Tool(name = ...)" : "@Tool(name = ...) or rename the method");
    }
    if (byName.putIfAbsent(toolName, m) != null) {
      report.add(Message.TOOL_DUPLICATE, nameValue != null ? Location.of(m, tool, nameValue) : at,
          toolName, cls.getSimpleName());
    }
    for (VariableElement p : m.getParameters()) {
      TypeMirror t = p.asType();
      if (Mirrors.has(p, Names.CONTEXT)) {
        if (!(t instanceof DeclaredType d) || !d.getTypeArguments().isEmpty()) {
          report.add(Message.TOOL_CONTEXT_TYPE, Location.of(p), p.getSimpleName(), method,
              TypeSupport.simple(t));
        }
        continue;
      }
      String problem = TypeSupport.problem(t);
      if (problem != null) {
        report.add(Message.UNSUPPORTED_PARAMETER, Location.of(p), p.getSimpleName(), method,
            TypeSupport.simple(t), problem);
      }
    }
  }
}
