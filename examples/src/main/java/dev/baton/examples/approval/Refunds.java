package dev.baton.examples.approval;

import dev.baton.Agent;

/** A refund desk whose refund tool needs a human's approval before it runs. */
public interface Refunds {
  /**
   * Handles a refund request with the {@link RefundTools}.
   *
   * @param request the customer's request
   * @return the answer to the customer
   */
  @Agent(instructions = """
      Look the order up, refund what the customer is owed, and tell them what you did.""",
      tools = RefundTools.class)
  String refundDesk(String request);
}
