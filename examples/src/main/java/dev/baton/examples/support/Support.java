package dev.baton.examples.support;

import dev.baton.Agent;
import dev.baton.Handoff;
import dev.baton.Param;

/**
 * A support desk: the front desk hands problems to specialists, who report back to it, and the
 * front desk answers the customer.
 */
public interface Support {
  /**
   * Talks to the customer and consults the specialists.
   *
   * @param message the customer's message
   * @return the answer to the customer
   */
  @Agent(instructions = """
      You are the front desk of an online shop. Hand billing problems to billing and technical
      problems to technical; both report back to you. Then answer the customer in a few lines.""")
  @Handoff(to = "billing", back = true)
  @Handoff(to = "technical", back = true)
  String frontDesk(String message);

  /**
   * Resolves billing problems with the billing tools.
   *
   * @param problem the billing problem
   * @return what billing did
   */
  @Agent(description = "Resolves invoices, refunds and double charges.",
      instructions = "You resolve billing problems. Look the charges up before refunding.",
      tools = BillingTools.class)
  String billing(@Param("the customer's billing problem, with the order id") String problem);

  /**
   * Diagnoses technical problems.
   *
   * @param problem what is broken
   * @return the diagnosis and the fix
   */
  @Agent(description = "Diagnoses problems with the app, logging in and outages.",
      instructions = "You diagnose technical problems and give the customer clear steps.")
  String technical(@Param("what is broken, in the customer's words") String problem);
}
