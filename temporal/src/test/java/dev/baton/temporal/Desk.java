package dev.baton.temporal;

import dev.baton.Agent;
import dev.baton.Delegate;
import dev.baton.Handoff;
import dev.baton.Tool;
import java.util.concurrent.atomic.AtomicInteger;

/** A front desk that hands billing problems to billing and gets the answer back. */
public interface Desk {
  /** Billing tools; counts its calls. */
  final class Ledger {
    final AtomicInteger refunds = new AtomicInteger();
    final AtomicInteger payouts = new AtomicInteger();

    @Tool("Refunds an order.")
    public String refund(String orderId, int cents) {
      refunds.incrementAndGet();
      return "refunded " + cents + " on " + orderId;
    }

    @Tool(value = "Pays a customer out.", approval = true)
    public String payout(String customer, int cents) {
      payouts.incrementAndGet();
      return "paid " + customer + " " + cents;
    }
  }

  @Agent(instructions = "You are the front desk. Hand billing problems to billing.")
  @Handoff(to = "billing", back = true)
  String frontDesk(String message);

  @Agent(description = "Resolves billing problems.", instructions = "You resolve billing problems.",
      tools = Ledger.class)
  String billing(String problem);

  @Agent(instructions = "You supervise; ask the clerk for facts.")
  @Delegate(to = "clerk")
  String supervisor(String task);

  @Agent(description = "Looks facts up.", instructions = "Look facts up.")
  String clerk(String question);
}
