package dev.baton.examples.support;

import dev.baton.Tool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The billing system as tools: an in-memory ledger of charges and refunds. */
public class BillingTools {
  private final Map<String, List<Integer>> charges = new ConcurrentHashMap<>(
      Map.of("A-17", List.of(4_999, 4_999), "B-02", List.of(1_250)));
  private final List<String> refunds = new CopyOnWriteArrayList<>();

  /** Creates the ledger with two orders; A-17 was charged twice. */
  public BillingTools() {}

  /**
   * Lists the charges of an order.
   *
   * @param orderId the order, e.g. A-17
   * @return the charges in cents
   */
  @Tool
  public List<Integer> charges(String orderId) {
    return charges.getOrDefault(orderId, List.of());
  }

  /**
   * Refunds part of an order's charges.
   *
   * @param orderId the order
   * @param cents the amount to refund, in cents
   * @return a confirmation with the refund's id
   */
  @Tool
  public String refund(String orderId, int cents) {
    if (!charges.containsKey(orderId)) {
      throw new IllegalArgumentException("no order " + orderId);
    }
    String id = "R-" + (refunds.size() + 1);
    refunds.add(id + " " + orderId + " " + cents);
    return "refund " + id + ": " + cents + " cents on " + orderId;
  }

  /** The refunds made, e.g. {@code R-1 A-17 4999}. */
  public List<String> refunds() {
    return List.copyOf(refunds);
  }
}
