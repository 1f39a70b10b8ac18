package com.acme;

import dev.baton.Tool;

/** Billing tools. */
public class BillingTools {
  /**
   * Refunds an order in full.
   *
   * @param orderId the order to refund
   * @param cents the amount, in cents
   * @return a confirmation
   */
  @Tool
  public String refund(String orderId, int cents) {
    return "refunded " + cents + " cents on " + orderId;
  }
}
