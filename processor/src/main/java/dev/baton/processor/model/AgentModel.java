package dev.baton.processor.model;

import dev.baton.History;
import dev.baton.graph.AgentKind;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @Agent} method. Immutable.
 *
 * @param method the method
 * @param mirror its {@code @Agent} annotation
 * @param name the agent's name
 * @param kind LLM, code or fan-out
 * @param params its parameters
 * @param output its return type, or {@code T} of a fan-out's {@code Results<T>}
 * @param instructions the system prompt; empty if none
 * @param description what callers are told it does; empty if none
 * @param prompt the user-message template; empty if none
 * @param model the model name; empty for the default
 * @param history what it sees of the conversation
 * @param maxTurns the most model calls per invocation
 * @param toolClasses the classes listed in {@code tools}, in order
 * @param parallel its {@code @Parallel}, or {@code null}
 * @param inputSchema the JSON Schema of an object of its parameters
 * @param outputSchema the JSON Schema of its output; empty for {@code String} and fan-outs
 */
public record AgentModel(
    ExecutableElement method,
    AnnotationMirror mirror,
    String name,
    AgentKind kind,
    List<ParamModel> params,
    TypeMirror output,
    String instructions,
    String description,
    String prompt,
    String model,
    History history,
    int maxTurns,
    List<TypeElement> toolClasses,
    ParallelModel parallel,
    String inputSchema,
    String outputSchema) {

  /** Copies the lists. */
  public AgentModel {
    params = List.copyOf(params);
    toolClasses = List.copyOf(toolClasses);
  }

  /** The Java method name (may differ from {@link #name()}). */
  public String methodName() {
    return method.getSimpleName().toString();
  }
}
