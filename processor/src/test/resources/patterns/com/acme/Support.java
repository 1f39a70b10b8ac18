package com.acme;

import dev.baton.Agent;
import dev.baton.Handoff;
import dev.baton.Param;

/** A support desk: the front desk hands problems to specialists, who report back. */
public interface Support {
  @Agent(instructions = """
      You are the front desk. Hand billing problems to billing and technical
      problems to technical. When a specialist reports back, answer the customer.""")
  @Handoff(to = "billing", back = true)
  @Handoff(to = "technical", back = true, description = "Hand over bugs and outages.")
  String frontDesk(String message);

  @Agent(description = "Resolves invoices, refunds and payments.",
      instructions = "You resolve billing problems.", tools = BillingTools.class)
  String billing(@Param("the customer's billing problem") String problem);

  /**
   * Diagnoses technical problems.
   *
   * @param problem what is broken
   */
  @Agent(description = "Diagnoses technical problems.", instructions = "You fix technical problems.")
  String technical(String problem);
}
