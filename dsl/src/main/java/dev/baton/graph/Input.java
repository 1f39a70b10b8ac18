package dev.baton.graph;

import java.util.Objects;

/**
 * One parameter of an agent.
 *
 * @param name the parameter name, as in prompt placeholders and branch binding
 * @param type its type
 * @param description what it means for the model; empty if none
 */
public record Input(String name, TypeRef type, String description) {
  /** Checks the components. */
  public Input {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description;
  }
}
