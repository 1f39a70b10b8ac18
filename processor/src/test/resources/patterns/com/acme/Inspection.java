package com.acme;

import dev.baton.Agent;
import dev.baton.Handoff;
import dev.baton.Parallel;

/** Intake hands off to an aggregator that fans out to inspectors with a timeout. */
public interface Inspection {
  @Agent(instructions = "Take the request and hand it to the inspection.")
  @Handoff(to = "inspect")
  String intake(String request);

  @Agent(description = "Inspects a building in parallel and writes one report.",
      instructions = "Summarize the inspectors' findings; name those that did not finish.")
  @Parallel(agents = {"structure", "electrical", "plumbing"}, timeout = "2s")
  String inspect(String request);

  @Agent(instructions = "Inspect the structure.") String structure(String request);

  @Agent(instructions = "Inspect the wiring.") String electrical(String request);

  @Agent(instructions = "Inspect the pipes.") String plumbing(String request);
}
