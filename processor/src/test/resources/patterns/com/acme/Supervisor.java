package com.acme;

import dev.baton.Agent;
import dev.baton.Delegate;
import java.util.List;

/** A supervisor uses workers as tools. */
public interface Supervisor {
  /** A row of data. */
  record Row(String name, double value) {}

  @Agent(instructions = "Plan the work and use the workers.")
  @Delegate(to = "dataWorker")
  @Delegate(to = "writer", tool = "write_summary", description = "Writes the final summary.")
  String supervisor(String task);

  @Agent(description = "Fetches rows for a query.", instructions = "Return rows as JSON.")
  List<Row> dataWorker(String query);

  @Agent(instructions = "Write a summary.")
  String writer(String facts);
}
