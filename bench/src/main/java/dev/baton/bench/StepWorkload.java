package dev.baton.bench;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.SystemMessage;
import dev.baton.runtime.model.UserMessage;
import java.util.List;

/**
 * One LLM agent call (a whole run: entry, one model call, output) on an instant in-process model,
 * against the same model called directly with the request a caller would build.
 */
final class StepWorkload implements Workload {
  static final String INSTRUCTIONS = "Answer the question.";

  @Override
  public String name() {
    return "step";
  }

  @Override
  public String description() {
    return "one LLM agent call on an instant model vs the model called directly";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    Model model = InstantModels.instant();
    AgentGraph graph = AgentGraph.builder("Step")
        .llmAgent("answer", a -> a.instructions(INSTRUCTIONS).input("question", String.class)
            .output(String.class))
        .build();
    Orchestrator orchestrator = Orchestrator.builder(graph).model(model).build();
    ModelListener none = delta -> { };

    Sampler.Paired p = Sampler.paired(
        () -> orchestrator.call("answer", "What is 2 + 2?"),
        () -> {
          List<Message> messages = List.of(new SystemMessage(INSTRUCTIONS),
              new UserMessage("What is 2 + 2?"));
          return model.respond(new ModelRequest("run", "answer", "answer", "", messages, List.of(),
              null), none);
        },
        smoke ? 2_000 : 200_000, smoke ? 1 : 10, smoke ? 2_000 : 50_000);

    String w = name();
    double baton = Stats.micros(p.measured().median());
    double direct = Stats.micros(p.baseline().median());
    return List.of(
        Measurement.of(w, "call_median", baton, "us", Measurement.format(direct)),
        Measurement.of(w, "call_p99", Stats.micros(p.measured().p99()), "us",
            Measurement.format(Stats.micros(p.baseline().p99()))),
        Measurement.of(w, "call_mean", Stats.micros(p.measured().mean()), "us",
            Measurement.format(Stats.micros(p.baseline().mean()))),
        Measurement.of(w, "call_median_lowest_round", Stats.micros(p.roundMedianMin()), "us", "-"),
        Measurement.of(w, "call_median_highest_round", Stats.micros(p.roundMedianMax()), "us", "-"),
        Measurement.budgeted(w, "overhead_median", baton - direct, "us", "-",
            Measurement.Budget.atMost(1)));
  }
}
