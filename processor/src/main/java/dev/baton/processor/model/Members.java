package dev.baton.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * The methods of an agent system, its own first (in declaration order), then inherited ones not
 * overridden, so that agents appear in the order a reader sees them.
 */
public final class Members {
  private Members() {}

  /**
   * Collects the most specific instance and static methods of a type and its supertypes, except
   * those of {@code java.lang.Object}.
   *
   * @param type the type
   * @param types the type utilities
   * @return the methods, most specific first, each signature once
   */
  public static List<ExecutableElement> methods(TypeElement type, Types types) {
    Map<String, ExecutableElement> bySignature = new LinkedHashMap<>();
    collect(type, types, bySignature);
    return new ArrayList<>(bySignature.values());
  }

  private static void collect(TypeElement type, Types types, Map<String, ExecutableElement> out) {
    if (type.getQualifiedName().contentEquals("java.lang.Object")) {
      return;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      out.putIfAbsent(signature(m, types), m);
    }
    List<TypeMirror> supers = new ArrayList<>();
    supers.add(type.getSuperclass());
    supers.addAll(type.getInterfaces());
    for (TypeMirror s : supers) {
      if (s.getKind() == TypeKind.DECLARED) {
        collect((TypeElement) ((DeclaredType) s).asElement(), types, out);
      }
    }
  }

  private static String signature(ExecutableElement m, Types types) {
    StringBuilder sb = new StringBuilder(m.getSimpleName()).append('(');
    m.getParameters().forEach(p -> sb.append(types.erasure(p.asType())).append(','));
    return sb.append(')').toString();
  }

  /** Whether {@code m} has the signature of a public method of {@code Object}. */
  public static boolean isObjectMethod(ExecutableElement m) {
    String name = m.getSimpleName().toString();
    int n = m.getParameters().size();
    return (n == 0 && (name.equals("toString") || name.equals("hashCode")))
        || (n == 1 && name.equals("equals")
            && m.getParameters().get(0).asType().toString().equals("java.lang.Object"));
  }
}
