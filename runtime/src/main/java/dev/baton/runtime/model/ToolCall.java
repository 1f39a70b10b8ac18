package dev.baton.runtime.model;

import java.util.Objects;

/**
 * One call the model asks for.
 *
 * @param id the call id, unique within the response (answered by a {@link ToolMessage})
 * @param name the tool name
 * @param arguments the arguments as a JSON object text
 */
public record ToolCall(String id, String name, String arguments) {
  /** Checks the components. */
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
  }
}
