package dev.baton.bench;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.Types;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.RunOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A fan-out over the elements of a list (one branch of one agent per element) against the fixed
 * fan-out of the same size ({@link FanoutNWorkload}), both with a model that sleeps 100 ms: wall
 * time of the whole fan-out. Budget: within 10 % of the fixed fan-out.
 */
final class FanoutOverWorkload implements Workload {
  @Override
  public String name() {
    return "fanoutOver";
  }

  @Override
  public String description() {
    return "fan-out over a list of N elements whose model sleeps 100 ms vs the fixed fan-out of N"
        + " agents";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    List<Measurement> out = new ArrayList<>();
    for (int n : smoke ? new int[] {100} : new int[] {1_000, 10_000}) {
      out.addAll(measure(n, smoke));
    }
    return out;
  }

  private List<Measurement> measure(int n, boolean smoke) throws Exception {
    RunOptions options = RunOptions.builder().maxModelCalls(n + 1).build();
    Orchestrator fixed = Orchestrator.builder(FanoutNWorkload.graph(n))
        .model(InstantModels.sleeping(FanoutNWorkload.LATENCY)).options(options).build();
    Orchestrator over = Orchestrator.builder(graph())
        .model(InstantModels.sleeping(FanoutNWorkload.LATENCY)).options(options).build();
    List<String> elements = Collections.nCopies(n, "task");

    int warmup = smoke ? 0 : 3;
    int runs = smoke ? 1 : 7;
    for (int i = 0; i < warmup; i++) {
      Sampler.sink = fixed.call("all", "task");
      Sampler.sink = over.call("all", elements);
    }
    long[] overNanos = new long[runs];
    long[] fixedNanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Sampler.sink = fixed.call("all", "task");
      fixedNanos[i] = System.nanoTime() - t0;
      t0 = System.nanoTime();
      Sampler.sink = over.call("all", elements);
      overNanos[i] = System.nanoTime() - t0;
    }
    Stats o = Stats.of(overNanos);
    Stats f = Stats.of(fixedNanos);
    String m = "n" + n + "_";
    return List.of(
        Measurement.of(name(), m + "wall_median", Stats.millis(o.median()), "ms",
            Measurement.format(Stats.millis(f.median()))),
        Measurement.budgeted(name(), m + "wall_vs_fixed", (double) o.median() / f.median(), "x",
            "1", Measurement.Budget.atMost(1.10)));
  }

  /** One fan-out agent {@code all} over its {@code tasks}, one branch of {@code work} each. */
  private static AgentGraph graph() {
    return AgentGraph.builder("FanoutOver")
        .llmAgent("work", a -> a.instructions("Work on the task.").input("task", String.class)
            .output(String.class))
        .fanOut("all", a -> a.input("tasks", Types.listOf(String.class)).parallel("work")
            .over("tasks"))
        .build();
  }
}
