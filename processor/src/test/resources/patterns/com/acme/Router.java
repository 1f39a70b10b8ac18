package com.acme;

import dev.baton.Agent;
import dev.baton.Handoff;

/** A router hands the conversation to one specialist for good. */
public interface Router {
  @Agent(description = "Routes a message to the right language.",
      instructions = "Route to the right language.")
  @Handoff(to = "french")
  @Handoff(to = "spanish")
  String router(String message);

  @Agent(description = "Answers in French.", instructions = "Answer in French.")
  @Handoff(to = "router")
  String french(String message);

  @Agent(description = "Answers in Spanish.", instructions = "Answer in Spanish.")
  String spanish(String message);
}
