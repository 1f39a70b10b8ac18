package dev.baton.runtime.model;

import java.util.Objects;

/**
 * Instructions for the model.
 *
 * @param text the instructions
 */
public record SystemMessage(String text) implements Message {
  /** Checks the text. */
  public SystemMessage {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String role() {
    return "system";
  }
}
