package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.model.ScriptedModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A structured-output repair round trip shows in the events and on the timeline. */
@org.junit.jupiter.api.extension.ExtendWith(NoRunThreadsLeft.class)
class OutputRepairTest {
  /** The judge's typed output. */
  public record Verdict(String winner, int score) {}

  @Test
  void theRepairIsAnEventAndATimelineLineBetweenTheTwoAnswers() {
    AgentGraph graph = AgentGraph.builder("Debate")
        .llmAgent("judge", a -> a.instructions("Judge.").input("transcript", String.class)
            .output(Verdict.class))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("judge", s -> s.reply("Pro wins, clearly.").reply("{\"winner\": \"pro\", \"score\": 7}"))
        .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunOptions options = RunOptions.builder()
        .listener(RunEvents.printer(new PrintStream(bytes, true, StandardCharsets.UTF_8), false))
        .build();
    Run<Object> run = Orchestrator.builder(graph).model(model).options(options).build()
        .start("judge", "PRO: ... CON: ...");

    assertEquals(new Verdict("pro", 7), run.await());
    List<RunEvent.OutputRepairRequested> repairs = run.events()
        .filter(e -> e instanceof RunEvent.OutputRepairRequested)
        .map(e -> (RunEvent.OutputRepairRequested) e).toList();
    assertEquals(1, repairs.size());
    assertEquals("judge", repairs.get(0).path());
    assertEquals("Verdict", repairs.get(0).expected());
    assertTrue(model.requests("judge").get(1).messages().toString().contains(repairs.get(0).problem()),
        "the model is told the problem the event names");

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    int first = indexOf(lines, "judge: says \"Pro wins, clearly.\"");
    int repair = indexOf(lines, "judge: answer is not a Verdict: ");
    int second = indexOf(lines, "judge: says \"{\"winner\": \"pro\", \"score\": 7}\"");
    assertTrue(first >= 0 && first < repair && repair < second, String.join("\n", lines));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"null", " null ", "```json\nnull\n```",
      "```json\n```", "{\"value\": null}"})
  void anAnswerThatIsNullIsNeverANullResult(String answer) {
    AgentGraph graph = AgentGraph.builder("Debate")
        .llmAgent("judge", a -> a.instructions("Judge.").input("transcript", String.class)
            .output(Verdict.class))
        .llmAgent("counter", a -> a.instructions("Count.").input("transcript", String.class)
            .output(Integer.class))
        .build();
    for (String agent : List.of("judge", "counter")) {
      ScriptedModel model = ScriptedModel.builder()
          .agent(agent, s -> s.reply(answer).reply(answer)).build();
      Run<Object> run = Orchestrator.builder(graph).model(model).build().start(agent, "PRO: ...");

      ModelBehaviorException e = assertThrows(ModelBehaviorException.class, run::await,
          agent + " answered " + answer);
      assertEquals(2, model.requests(agent).size(), "after the usual repair round-trip");
      assertTrue(e.getMessage().contains("repair"), e.getMessage());
    }
  }

  private static int indexOf(List<String> lines, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }
}
