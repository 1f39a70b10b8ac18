package com.acme;

import dev.baton.Agent;

/** A code agent falls back to a cheaper agent when the first fails. */
public abstract class Fallback {
  @Agent
  public String answer(String question) {
    try {
      return expert(question);
    } catch (RuntimeException e) {
      return generalist(question);
    }
  }

  @Agent(instructions = "Answer as an expert.", model = "gpt-4.1")
  public abstract String expert(String question);

  @Agent(instructions = "Answer briefly.")
  public abstract String generalist(String question);
}
