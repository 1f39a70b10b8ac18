package dev.baton.graph;

import java.util.List;
import java.util.Objects;

/**
 * A tool an LLM agent may call.
 *
 * @param name the tool name the model sees
 * @param description what the model is told the tool does
 * @param parametersSchema the JSON Schema (an object schema, as JSON text) of its arguments
 * @param approval whether each call pauses the run for approval
 * @param owner the tool class (qualified name) whose invoker executes the call
 * @param contextTypes the canonical names of the types of its {@code @Context} parameters, which a
 *     run must have context objects of; empty if it has none
 */
public record ToolSpec(
    String name, String description, String parametersSchema, boolean approval, String owner,
    List<String> contextTypes) {
  /** Checks and copies the components. */
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parametersSchema, "parametersSchema");
    Objects.requireNonNull(owner, "owner");
    description = description == null ? "" : description;
    contextTypes = contextTypes == null ? List.of() : List.copyOf(contextTypes);
  }

  /**
   * A tool without {@code @Context} parameters.
   *
   * @param name the tool name the model sees
   * @param description what the model is told the tool does
   * @param parametersSchema the JSON Schema of its arguments
   * @param approval whether each call pauses the run for approval
   * @param owner the tool class (qualified name)
   */
  public ToolSpec(String name, String description, String parametersSchema, boolean approval,
      String owner) {
    this(name, description, parametersSchema, approval, owner, List.of());
  }
}
