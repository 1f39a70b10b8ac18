package dev.baton.runtime.model;

import java.util.Objects;

/**
 * The structured output the model must produce.
 *
 * @param name a name for the schema (letters, digits, {@code _} and {@code -}), e.g. the type name
 * @param schema the JSON Schema, as JSON text
 */
public record OutputSchema(String name, String schema) {
  /** Checks the components. */
  public OutputSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
  }
}
