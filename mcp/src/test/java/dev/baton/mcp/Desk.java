package dev.baton.mcp;

import dev.baton.Agent;
import dev.baton.Handoff;

/** A back-handoff desk served over MCP in the tests. */
public interface Desk {
  @Agent(description = "Answers customers; hands billing problems to billing.",
      instructions = "You are the front desk. Hand billing problems to billing, then answer.")
  @Handoff(to = "billing", back = true)
  String frontDesk(String message);

  @Agent(description = "Resolves invoices, refunds and payments.",
      instructions = "You resolve billing problems.")
  String billing(String problem);

  @Agent(description = "Researches a topic at length.", instructions = "Research the topic.")
  String research(String topic);

  /** Where a message goes. */
  record Ticket(String team, int priority) {}

  @Agent(description = "Routes a message to a team.", instructions = "Classify the message.")
  Ticket classify(String message);
}
