package dev.baton.examples.debate;

import dev.baton.Agent;
import dev.baton.History;

/** A debate: rounds of pro and con in a code-agent loop, then a judge with a typed verdict. */
public interface Debate {
  /** How many rounds each side speaks. */
  int ROUNDS = 3;

  /**
   * The judge's decision: structured output, parsed from JSON into this record.
   *
   * @param winner {@code pro} or {@code con}
   * @param reason why, in one sentence
   * @param score how convincing the win was, 1 to 10
   */
  record Verdict(String winner, String reason, int score) {}

  /**
   * Runs the rounds. Both sides run in this agent's conversation, so each sees what was said.
   *
   * @param motion the motion
   * @return the verdict
   */
  @Agent
  default Verdict debate(String motion) {
    StringBuilder transcript = new StringBuilder();
    for (int round = 1; round <= ROUNDS; round++) {
      transcript.append("PRO: ").append(pro(motion, round)).append('\n');
      transcript.append("CON: ").append(con(motion, round)).append('\n');
    }
    return judge(motion, transcript.toString());
  }

  /**
   * Argues for.
   *
   * @param motion the motion
   * @param round the round, from 1
   * @return the argument
   */
  @Agent(instructions = "Argue for the motion in two sentences. Answer the last counter-argument.")
  String pro(String motion, int round);

  /**
   * Argues against.
   *
   * @param motion the motion
   * @param round the round, from 1
   * @return the argument
   */
  @Agent(instructions = "Argue against the motion in two sentences. Answer the last argument.")
  String con(String motion, int round);

  /**
   * Decides. The transcript is its input, so it does not also read the debate's conversation,
   * which holds the same rounds.
   *
   * @param motion the motion
   * @param transcript everything said
   * @return the verdict
   */
  @Agent(instructions = "Judge the debate on the strength of the arguments, not on the motion.",
      history = History.NONE)
  Verdict judge(String motion, String transcript);
}
