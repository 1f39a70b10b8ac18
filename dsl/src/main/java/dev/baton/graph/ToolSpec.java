package dev.baton.graph;

import java.util.Objects;

/**
 * A tool an LLM agent may call.
 *
 * @param name the tool name the model sees
 * @param description what the model is told the tool does
 * @param parametersSchema the JSON Schema (an object schema, as JSON text) of its arguments
 * @param approval whether each call pauses the run for approval
 * @param owner the tool class (qualified name) whose invoker executes the call
 */
public record ToolSpec(
    String name, String description, String parametersSchema, boolean approval, String owner) {
  /** Checks the components. */
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parametersSchema, "parametersSchema");
    Objects.requireNonNull(owner, "owner");
    description = description == null ? "" : description;
  }
}
