package dev.baton.spring.desk;

import dev.baton.Param;
import dev.baton.Tool;

/** Order look-ups, backed by a repository the application injects. */
public class OrderTools {
  private final OrderRepository orders;

  /** Creates the tools without a repository, as the runner does when the context has no bean. */
  public OrderTools() {
    this(id -> "unknown (no repository)");
  }

  /**
   * Creates the tools.
   *
   * @param orders where orders are looked up
   */
  public OrderTools(OrderRepository orders) {
    this.orders = orders;
  }

  /**
   * Looks an order up.
   *
   * @param orderId the order id
   * @return its status
   */
  @Tool("Looks an order up by id and returns its status.")
  public String lookupOrder(@Param("the order id, e.g. A-17") String orderId) {
    return orderId + ": " + orders.status(orderId);
  }
}
