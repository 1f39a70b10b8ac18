package dev.baton.temporal;

import dev.baton.Agent;
import dev.baton.Handoff;
import dev.baton.Parallel;
import dev.baton.Results;

/** Triage hands off to an inspection that fans out with a timeout, and fan-outs that fail fast. */
public interface Review {
  @Agent(instructions = "Hand the claim to the inspection.")
  @Handoff(to = "inspect")
  String triage(String claim);

  @Agent(description = "Inspects a claim in parallel and writes one report.",
      instructions = "Summarize the findings; name inspectors that did not finish.")
  @Parallel(agents = {"photos", "records", "witness"}, timeout = "20s")
  String inspect(String claim);

  @Agent(instructions = "Check the photos.") String photos(String claim);

  @Agent(instructions = "Check the records.") String records(String claim);

  @Agent(instructions = "Ask the witness.") String witness(String claim);

  @Agent
  @Parallel(agents = {"photos", "records"}, failFast = true)
  Results<String> quick(String claim);

  @Agent
  default String debate(String topic) {
    String said = topic;
    for (int round = 1; round <= 2; round++) {
      said = pro(said);
      said = con(said);
    }
    return judge(said);
  }

  @Agent(instructions = "Argue for.") String pro(String point);

  @Agent(instructions = "Argue against.") String con(String point);

  @Agent(instructions = "Judge the debate.") String judge(String transcript);
}
