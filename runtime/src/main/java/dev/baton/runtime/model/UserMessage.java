package dev.baton.runtime.model;

import java.util.Objects;

/**
 * Input to the model: a user's words or an agent's rendered input.
 *
 * @param text the input
 */
public record UserMessage(String text) implements Message {
  /** Checks the text. */
  public UserMessage {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String role() {
    return "user";
  }
}
