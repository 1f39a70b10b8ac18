package dev.baton.bench;

import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.SystemMessage;
import dev.baton.runtime.model.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * A fan-out of three LLM agents plus the LLM agent that aggregates them ({@link Panel}, through its
 * generated runner), on an instant model; against the same four model calls made by hand on three
 * virtual threads and the caller's.
 */
final class Fanout3Workload implements Workload {
  private static final String DIFF = "diff --git a/Main.java b/Main.java";

  @Override
  public String name() {
    return "fanout3";
  }

  @Override
  public String description() {
    return "fan-out of 3 LLM agents + aggregating LLM agent, instant model, vs the same calls on"
        + " 3 virtual threads by hand";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    Model model = InstantModels.instant();
    Panel panel = PanelRunner.builder().model(model).options(RunOptions.defaults()).build();
    Sampler.Paired p = Sampler.paired(() -> panel.verdict(DIFF), () -> byHand(model),
        smoke ? 200 : 30_000, smoke ? 1 : 10, smoke ? 500 : 10_000);
    String w = name();
    return List.of(
        Measurement.of(w, "run_median", Stats.micros(p.measured().median()), "us",
            Measurement.format(Stats.micros(p.baseline().median()))),
        // Against the hand-written fan-out measured in the same rounds: at most 1.15 times it.
        Measurement.budgeted(w, "run_median_vs_baseline",
            (double) p.measured().median() / p.baseline().median(), "x", "1",
            Measurement.Budget.atMost(1.15)),
        Measurement.of(w, "run_p99", Stats.micros(p.measured().p99()), "us",
            Measurement.format(Stats.micros(p.baseline().p99()))),
        Measurement.of(w, "run_median_lowest_round", Stats.micros(p.roundMedianMin()), "us", "-"),
        Measurement.of(w, "run_median_highest_round", Stats.micros(p.roundMedianMax()), "us", "-"),
        Measurement.of(w, "overhead_median",
            Stats.micros(p.measured().median() - p.baseline().median()), "us", "-"));
  }

  /** The fan-out written by hand: three virtual threads, a join, then the aggregator's call. */
  static String byHand(Model model) throws Exception {
    ModelListener none = delta -> { };
    String[] reviewers = {"security", "style", "tests"};
    List<FutureTask<ModelResponse>> tasks = new ArrayList<>(3);
    for (String r : reviewers) {
      Callable<ModelResponse> call = () -> model.respond(request(r, "Review.", DIFF), none);
      FutureTask<ModelResponse> task = new FutureTask<>(call);
      Thread.ofVirtual().start(task);
      tasks.add(task);
    }
    StringBuilder input = new StringBuilder(DIFF).append("\n\n");
    for (int i = 0; i < 3; i++) {
      input.append(reviewers[i]).append(": ").append(tasks.get(i).get().text()).append('\n');
    }
    return model.respond(request("verdict", "Combine.", input.toString()), none).text();
  }

  private static ModelRequest request(String agent, String instructions, String input) {
    List<Message> messages = List.of(new SystemMessage(instructions), new UserMessage(input));
    return new ModelRequest("run", agent, agent, "", messages, List.of(), null);
  }
}
