package dev.baton.temporal;

import dev.baton.Agent;
import dev.baton.Parallel;
import dev.baton.Results;
import java.util.List;

/** Fan-outs bounded by {@code maxConcurrency}: a fixed one and one over a list. */
public interface Slots {
  @Agent
  @Parallel(agents = {"a", "b", "c", "d"}, maxConcurrency = 2)
  Results<String> pairs(String task);

  @Agent
  @Parallel(over = "tasks", agents = "one", maxConcurrency = 2, timeout = "1h")
  Results<String> twoByTwo(List<String> tasks);

  @Agent(instructions = "Work.") String a(String task);

  @Agent(instructions = "Work.") String b(String task);

  @Agent(instructions = "Work.") String c(String task);

  @Agent(instructions = "Work.") String d(String task);

  @Agent(instructions = "Work on one task.") String one(String task);
}
