package dev.baton.examples.approval;

import dev.baton.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The payment system as tools. Refunds need approval; look-ups do not. */
public class RefundTools {
  private final AtomicInteger lookups = new AtomicInteger();
  private final List<String> refunds = new CopyOnWriteArrayList<>();

  /** Creates the tools. */
  public RefundTools() {}

  /**
   * Looks an order up.
   *
   * @param orderId the order
   * @return the order's items and what was paid
   */
  @Tool
  public String lookupOrder(String orderId) {
    lookups.incrementAndGet();
    return orderId + ": 1 x espresso machine, paid 349.00 EUR on 2 May, delivered damaged";
  }

  /**
   * Refunds an amount to the card the order was paid with.
   *
   * @param orderId the order
   * @param cents the amount in cents
   * @param reason why, for the ledger
   * @return the refund's reference
   */
  @Tool(approval = true)
  public String refund(String orderId, long cents, String reason) {
    refunds.add(orderId + " " + cents);
    return "refund RF-" + (1000 + refunds.size()) + ": " + cents + " cents to the card of " + orderId;
  }

  /** How many look-ups ran. */
  public int lookups() {
    return lookups.get();
  }

  /** The refunds made, as {@code order cents}. */
  public List<String> refunds() {
    return List.copyOf(refunds);
  }
}
