package dev.baton.temporal;

import dev.baton.Agent;
import dev.baton.Parallel;
import dev.baton.Results;

/** Two experts asked at once; the caller reads each one's outcome. */
public interface Panel {
  @Agent
  @Parallel(agents = {"economist", "engineer"})
  Results<String> ask(String question);

  @Agent(instructions = "Answer as an economist.") String economist(String question);

  @Agent(instructions = "Answer as an engineer.") String engineer(String question);
}
