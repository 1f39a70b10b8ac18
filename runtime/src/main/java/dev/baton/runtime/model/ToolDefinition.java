package dev.baton.runtime.model;

import java.util.Objects;

/**
 * A tool offered to the model.
 *
 * @param name the tool name
 * @param description what the tool does
 * @param parametersSchema the JSON Schema of its arguments (an object schema, as JSON text)
 */
public record ToolDefinition(String name, String description, String parametersSchema) {
  /** Checks the components. */
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parametersSchema, "parametersSchema");
    description = description == null ? "" : description;
  }
}
