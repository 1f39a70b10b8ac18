package dev.baton.examples.fallback;

import dev.baton.Agent;
import dev.baton.runtime.ModelCallException;

/** A fallback: a code agent tries the primary agent and, if its model fails, asks the backup. */
public interface Answers {
  /**
   * Plain Java decides: the primary's failure is an exception like any other.
   *
   * @param question the question
   * @return the primary's answer, or the backup's if the primary's model failed
   */
  @Agent
  default String answer(String question) {
    try {
      return primary(question);
    } catch (ModelCallException e) {
      return backup(question);
    }
  }

  /**
   * The preferred agent, e.g. on a large hosted model.
   *
   * @param question the question
   * @return the answer
   */
  @Agent(instructions = "Answer precisely, citing the relevant standard.")
  String primary(String question);

  /**
   * The backup, e.g. on a small local model.
   *
   * @param question the question
   * @return the answer
   */
  @Agent(instructions = "Answer briefly. Say when you are unsure.")
  String backup(String question);
}
