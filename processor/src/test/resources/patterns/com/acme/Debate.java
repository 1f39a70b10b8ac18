package com.acme;

import dev.baton.Agent;

/** Rounds of debate in a code-agent loop, then a judge. */
public interface Debate {
  /** The judge's decision. */
  record Verdict(String winner, String reason, int score) {}

  @Agent
  default Verdict debate(String motion, int rounds) {
    StringBuilder transcript = new StringBuilder();
    for (int i = 0; i < rounds; i++) {
      transcript.append(pro(motion, transcript.toString())).append('\n');
      transcript.append(con(motion, transcript.toString())).append('\n');
    }
    return judge(motion, transcript.toString());
  }

  @Agent(instructions = "Argue for the motion.") String pro(String motion, String transcript);

  @Agent(instructions = "Argue against the motion.") String con(String motion, String transcript);

  @Agent(instructions = "Decide who won.") Verdict judge(String motion, String transcript);
}
