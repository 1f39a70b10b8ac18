package dev.baton.processor.model;

import dev.baton.graph.AgentKind;
import javax.lang.model.element.AnnotationMirror;
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

  /**
   * Whether a method is an agent: it carries {@code @Agent}, or it is a bare fan-out (an abstract
   * {@code @Parallel} method returning {@code Results<T>}, which needs no {@code @Agent}).
   *
   * @param method the method
   * @return whether the runner implements it as an agent
   */
  public static boolean isAgent(ExecutableElement method) {
    return Mirrors.has(method, Names.AGENT) || isBareFanOut(method);
  }

  /**
   * Whether a method is a fan-out without {@code @Agent}: abstract, {@code @Parallel}, returning
   * {@code Results<T>}.
   *
   * @param method the method
   * @return whether it is
   */
  public static boolean isBareFanOut(ExecutableElement method) {
    return !Mirrors.has(method, Names.AGENT) && method.getModifiers().contains(Modifier.ABSTRACT)
        && Mirrors.has(method, Names.PARALLEL) && isResults(method.getReturnType());
  }

  /**
   * The annotation that makes a method an agent, to report on: its {@code @Agent}, or the {@code
   * @Parallel} of a bare fan-out.
   *
   * @param method an agent method
   * @return the annotation
   */
  public static AnnotationMirror agentAnnotation(ExecutableElement method) {
    AnnotationMirror agent = Mirrors.find(method, Names.AGENT);
    return agent != null ? agent : Mirrors.find(method, Names.PARALLEL);
  }

  /** Whether a type is {@code dev.baton.Results} (raw or parameterized). */
  public static boolean isResults(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals(Names.RESULTS);
  }
}
