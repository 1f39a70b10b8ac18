package dev.baton.spring.desk;

/** Where order statuses come from. */
@FunctionalInterface
public interface OrderRepository {
  /**
   * The status of an order.
   *
   * @param orderId the id
   * @return its status
   */
  String status(String orderId);
}
