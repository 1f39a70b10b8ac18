package dev.baton.examples.invoice;

import dev.baton.Agent;
import dev.baton.Param;
import dev.baton.Parallel;
import dev.baton.Results;
import java.util.List;

/** Checks every line item of an invoice against an expense policy, one branch per item. */
public interface Invoices {
  /** One line of an invoice. */
  record LineItem(@Param("what was bought") String description, @Param("the amount, in cents") int cents) {}

  /** Whether one line is allowed, and why. */
  record Verdict(boolean allowed, String reason) {}

  /**
   * Checks each item at once (at most four at a time); an item whose check does not finish in
   * time is reported as timed out, the others as they were decided.
   *
   * @param items the invoice's line items
   * @param policy the expense policy
   * @return one outcome per item, in the invoice's order
   */
  @Parallel(over = "items", agents = "checkItem", timeout = "5s", maxConcurrency = 4)
  Results<Verdict> checkAll(List<LineItem> items, String policy);

  /**
   * Checks one item.
   *
   * @param item the line item
   * @param policy the expense policy
   * @return the verdict
   */
  @Agent(instructions = """
      You check one invoice line item against the expense policy. Answer whether it is allowed
      and give the reason in one sentence.""")
  Verdict checkItem(LineItem item, String policy);
}
