package dev.baton.bench;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.SystemMessage;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolDefinition;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Handoffs on an instant model: a chain of back-handoffs 10 deep (each agent hands back to its
 * caller, which then answers) and a ring of one-way handoffs that goes round for 100 turns. A turn
 * is one model call; the per-turn figure is the run's time over its turns, less the same number of
 * direct model calls.
 */
final class HandoffsWorkload implements Workload {
  static final int DEPTH = 10;
  static final int RING_SIZE = 10;
  static final int RING_TURNS = 100;
  private static final String PREFIX = "transfer_to_";
  private static final ModelListener NONE = delta -> { };

  @Override
  public String name() {
    return "handoffs";
  }

  @Override
  public String description() {
    return "back-handoff chain of depth " + DEPTH + " and one-way handoff ring of " + RING_TURNS
        + " turns, instant model";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    // Chain: a0 hands back to a1 ... a9 to a10; a10 answers, then every caller answers in turn.
    AgentGraph.Builder chain = AgentGraph.builder("Chain");
    for (int i = 0; i <= DEPTH; i++) {
      String name = "a" + i;
      chain.llmAgent(name, a -> a.instructions("Work, or hand the task on.")
          .description("Works on a task.").input("task", String.class).output(String.class));
    }
    for (int i = 0; i < DEPTH; i++) {
      chain.handoff("a" + i, "a" + (i + 1), true);
    }
    int chainTurns = 2 * DEPTH + 1;
    Orchestrator chainRunner = Orchestrator.builder(chain.build()).model(HandoffsWorkload::chain)
        .options(RunOptions.builder().maxModelCalls(chainTurns).build()).build();

    // Ring: r0 -> r1 -> ... -> r9 -> r0 one way, until the model has been called 100 times.
    AgentGraph.Builder ring = AgentGraph.builder("Ring");
    for (int i = 0; i < RING_SIZE; i++) {
      ring.llmAgent("r" + i, a -> a.instructions("Work, or hand the task on.")
          .description("Works on a task.").input("task", String.class).output(String.class));
    }
    for (int i = 0; i < RING_SIZE; i++) {
      ring.handoff("r" + i, "r" + ((i + 1) % RING_SIZE), false);
    }
    AtomicInteger remaining = new AtomicInteger();
    Model ringModel = (request, listener) -> remaining.decrementAndGet() > 0
        ? handOn(request) : InstantModels.OK;
    Orchestrator ringRunner = Orchestrator.builder(ring.build()).model(ringModel)
        // Every hop of a one-way ring nests one level deeper, past the default depth limit.
        .options(RunOptions.builder().maxModelCalls(RING_TURNS * 2).maxCallDepth(RING_TURNS + 1).build())
        .build();

    int warmup = smoke ? 20 : 5_000;
    int rounds = smoke ? 1 : 5;
    int perRound = smoke ? 50 : 2_000;
    Sampler.Paired c = Sampler.paired(() -> chainRunner.call("a0", "task"),
        () -> direct(InstantModels.instant(), chainTurns), warmup, rounds, perRound);
    Sampler.Paired r = Sampler.paired(() -> {
      remaining.set(RING_TURNS);
      return ringRunner.call("r0", "task");
    }, () -> direct(InstantModels.instant(), RING_TURNS), warmup / 10, rounds, perRound / 10);
    if (remaining.get() != 0) {
      throw new IllegalStateException("the ring stopped after " + (RING_TURNS - remaining.get())
          + " turns, not " + RING_TURNS);
    }

    String w = name();
    List<Measurement> out = new ArrayList<>();
    out.add(Measurement.of(w, "chain" + DEPTH + "_run_median", Stats.micros(c.measured().median()),
        "us", Measurement.format(Stats.micros(c.baseline().median()))));
    out.add(Measurement.of(w, "chain" + DEPTH + "_run_p99", Stats.micros(c.measured().p99()), "us",
        Measurement.format(Stats.micros(c.baseline().p99()))));
    out.add(Measurement.of(w, "chain" + DEPTH + "_per_turn_overhead",
        Stats.micros(c.measured().median() - c.baseline().median()) / chainTurns, "us", "-"));
    out.add(Measurement.of(w, "ring" + RING_TURNS + "_run_median",
        Stats.micros(r.measured().median()), "us",
        Measurement.format(Stats.micros(r.baseline().median()))));
    out.add(Measurement.of(w, "ring" + RING_TURNS + "_run_p99", Stats.micros(r.measured().p99()),
        "us", Measurement.format(Stats.micros(r.baseline().p99()))));
    out.add(Measurement.of(w, "ring" + RING_TURNS + "_per_turn_overhead",
        Stats.micros(r.measured().median() - r.baseline().median()) / RING_TURNS, "us", "-"));
    return out;
  }

  /** Hands on to the next agent if it can and has not heard back yet; else answers. */
  private static ModelResponse chain(ModelRequest request, ModelListener listener) {
    List<Message> messages = request.messages();
    if (messages.get(messages.size() - 1) instanceof ToolMessage) {
      return InstantModels.OK;
    }
    return handOn(request);
  }

  private static ModelResponse handOn(ModelRequest request) {
    for (ToolDefinition t : request.tools()) {
      if (t.name().startsWith(PREFIX)) {
        return ModelResponse.toolCalls(List.of(
            new ToolCall("call-" + request.agent(), t.name(), "{\"task\":\"the task\"}")));
      }
    }
    return InstantModels.OK;
  }

  /** The same number of model calls, made directly with requests a caller would build. */
  private static Object direct(Model model, int turns) throws InterruptedException {
    Object last = null;
    for (int i = 0; i < turns; i++) {
      List<Message> messages = List.of(new SystemMessage("Work."), new UserMessage("task"));
      last = model.respond(new ModelRequest("run", "a", "a", "", messages, List.of(), null), NONE);
    }
    return last;
  }
}
