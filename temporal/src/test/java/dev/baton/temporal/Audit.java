package dev.baton.temporal;

import dev.baton.Agent;
import dev.baton.Parallel;
import dev.baton.Results;

/** A payout that waits for approval beside a check that may fail: a fan-out that pauses. */
public interface Audit {
  @Agent
  @Parallel(agents = {"payer", "checker"})
  Results<String> audit(String problem);

  @Agent(instructions = "Pay the customer out.", tools = Desk.Ledger.class)
  String payer(String problem);

  @Agent(instructions = "Check the books.")
  String checker(String problem);
}
