package com.acme;

import dev.baton.Agent;
import dev.baton.Tool;

/** A payment tool needs approval before it runs. */
public interface Approval {
  /** Payment tools. */
  final class Payments {
    private final String account;

    public Payments(String account) {
      this.account = account;
    }

    @Tool(value = "Pays an invoice.", approval = true)
    public String pay(String invoice, long cents) {
      return account + " paid " + invoice + ": " + cents;
    }
  }

  @Agent(instructions = "Pay the invoices the user names.", tools = Payments.class)
  String clerk(String request);
}
