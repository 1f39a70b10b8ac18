package com.acme;

import dev.baton.Agent;
import dev.baton.Parallel;
import dev.baton.Results;

/** Three analysts look at one question in parallel. */
public interface Analysts {
  @Parallel(agents = {"bull", "bear", "quant"}, timeout = "20s", maxConcurrency = 2)
  Results<String> analyze(String question);

  @Agent(instructions = "Argue the upside.") String bull(String question);

  @Agent(instructions = "Argue the downside.") String bear(String question);

  @Agent(instructions = "Run the numbers.") String quant(String question);
}
