package dev.baton.processor.model;

import dev.baton.graph.AgentKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** What kind of agent a method is, from its shape (DESIGN section 3). */
public final class AgentKinds {
  private AgentKinds() {}

  /**
   * Classifies an {@code @Agent} method: a method with a body is a code agent; an abstract
   * {@code @Parallel} method returning {@code Results<T>} is a fan-out; any other abstract method
   * is an LLM agent (with {@code @Parallel}, one that aggregates its branches).
   *
   * @param method the method
   * @return its kind
   */
  public static AgentKind of(ExecutableElement method) {
    if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
      return AgentKind.CODE;
    }
    if (Mirrors.has(method, Names.PARALLEL) && isResults(method.getReturnType())) {
      return AgentKind.FAN_OUT;
    }
    return AgentKind.LLM;
  }

  /** Whether a type is {@code dev.baton.Results} (raw or parameterized). */
  public static boolean isResults(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals(Names.RESULTS);
  }
}
