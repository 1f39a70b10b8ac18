package dev.baton.examples.analysts;

import dev.baton.Agent;
import dev.baton.Parallel;
import dev.baton.Results;

/** Three analysts look at one question at the same time, each from their own perspective. */
public interface Analysts {
  /**
   * Asks all three at once; each answer, failure or timeout is one outcome.
   *
   * @param question the question
   * @return the outcomes, in the order the analysts are listed
   */
  @Parallel(agents = {"customer", "engineering", "finance"}, timeout = "5s")
  Results<String> analyze(String question);

  /**
   * The customer's view.
   *
   * @param question the question
   * @return the assessment
   */
  @Agent(instructions = "Answer as the voice of the customer: what do users gain or lose? Two sentences.")
  String customer(String question);

  /**
   * The engineering view.
   *
   * @param question the question
   * @return the assessment
   */
  @Agent(instructions = "Answer as the engineering lead: cost to build and run, risks. Two sentences.")
  String engineering(String question);

  /**
   * The financial view.
   *
   * @param question the question
   * @return the assessment
   */
  @Agent(instructions = "Answer as the CFO: revenue, margin, payback. Two sentences.")
  String finance(String question);
}
