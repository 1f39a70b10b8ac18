package dev.baton.processor.validation;

import dev.baton.processor.model.Mirrors;
import dev.baton.processor.model.Names;
import dev.baton.processor.model.SystemReader;
import dev.baton.processor.model.ToolReader;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Whether every type an agent system mentions is resolved. A system that references a type another
 * processor has not generated yet is deferred to the next round instead of being reported.
 */
public final class Resolution {
  private Resolution() {}

  /**
   * Checks the agent methods' signatures, their tool classes and those classes' tools.
   *
   * @param root the agent system
   * @param types the type utilities
   * @return whether all are resolved
   */
  public static boolean isResolved(TypeElement root, Types types) {
    Set<Object> seen = new HashSet<>();
    for (ExecutableElement m : SystemReader.agentMethods(root, types)) {
      if (!signatureResolved(m, seen)) {
        return false;
      }
      AnnotationMirror agent = Mirrors.find(m, Names.AGENT); // null for a bare fan-out
      for (AnnotationValue v : Mirrors.array(agent, "tools")) {
        TypeMirror t = Mirrors.classLiteral(v);
        if (t == null || t.getKind() == TypeKind.ERROR) {
          return false;
        }
        if (t instanceof DeclaredType d && seen.add(d.asElement())) {
          for (ExecutableElement tool : ToolReader.toolMethods((TypeElement) d.asElement(), types)) {
            if (!signatureResolved(tool, seen)) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  private static boolean signatureResolved(ExecutableElement m, Set<Object> seen) {
    if (!resolved(m.getReturnType(), seen)) {
      return false;
    }
    for (VariableElement p : m.getParameters()) {
      if (!resolved(p.asType(), seen)) {
        return false;
      }
    }
    return true;
  }

  private static boolean resolved(TypeMirror t, Set<Object> seen) {
    switch (t.getKind()) {
      case ERROR:
        return false;
      case ARRAY:
        return resolved(((ArrayType) t).getComponentType(), seen);
      case WILDCARD: {
        WildcardType w = (WildcardType) t;
        return (w.getExtendsBound() == null || resolved(w.getExtendsBound(), seen))
            && (w.getSuperBound() == null || resolved(w.getSuperBound(), seen));
      }
      case DECLARED: {
        DeclaredType d = (DeclaredType) t;
        for (TypeMirror a : d.getTypeArguments()) {
          if (!resolved(a, seen)) {
            return false;
          }
        }
        TypeElement e = (TypeElement) d.asElement();
        if (seen.add(e)) {
          for (RecordComponentElement c : e.getRecordComponents()) {
            if (!resolved(c.asType(), seen)) {
              return false;
            }
          }
        }
        return true;
      }
      default:
        return true;
    }
  }
}
