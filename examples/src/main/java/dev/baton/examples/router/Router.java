package dev.baton.examples.router;

import dev.baton.Agent;
import dev.baton.Handoff;

/** A router: one-way handoffs; the chosen specialist takes the conversation and answers. */
public interface Router {
  /**
   * Picks the specialist; its answer is the answer.
   *
   * @param message the customer's message
   * @return the specialist's answer
   */
  @Agent(instructions = "Route the message to the one team that can answer it. Do not answer yourself.")
  @Handoff(to = "billing")
  @Handoff(to = "technical")
  @Handoff(to = "sales")
  String router(String message);

  /**
   * Billing.
   *
   * @param message the message
   * @return the answer
   */
  @Agent(description = "Invoices, refunds, payment methods.", instructions = "Answer billing questions.")
  String billing(String message);

  /**
   * Technical support.
   *
   * @param message the message
   * @return the answer
   */
  @Agent(description = "Bugs, outages, set-up problems.", instructions = "Answer technical questions.")
  String technical(String message);

  /**
   * Sales.
   *
   * @param message the message
   * @return the answer
   */
  @Agent(description = "Plans, prices, discounts, upgrades.", instructions = """
      Answer questions about plans and prices. Volume discounts: 10% from 20 seats, 20% from 50.""")
  String sales(String message);
}
