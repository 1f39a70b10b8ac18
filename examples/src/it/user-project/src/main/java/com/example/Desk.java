package com.example;

import dev.baton.Agent;
import dev.baton.Handoff;

public interface Desk {
  @Agent(instructions = """
      You answer customers. Hand questions about invoices and charges to billing;
      when billing reports back, answer the customer in one sentence.""")
  @Handoff(to = "billing", back = true)
  String desk(String question);

  @Agent(description = "Answers questions about invoices and charges.",
      instructions = "You answer billing questions in one sentence.")
  String billing(String question);
}
