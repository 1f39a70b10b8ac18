package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.Types;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.UserMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(NoRunThreadsLeft.class)
class LimitsTest {
  static final String ECHO_TOOL = "{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}";

  record Verdict(String winner, int score) {}

  enum Mood { HAPPY, SAD }

  static AgentGraph looping(int maxTurns) {
    return AgentGraph.builder("Loop")
        .llmAgent("looper", a -> a.instructions("Loop.").input("task", String.class).maxTurns(maxTurns)
            .tool(new dev.baton.graph.ToolSpec("ping", "Pings.", ECHO_TOOL, false, "t.Ping")))
        .build();
  }

  @Test
  void maxTurnsBoundsOneInvocation() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("looper", s -> s.otherwise(r -> ModelResponse.toolCalls(List.of(
            new dev.baton.runtime.model.ToolCall("c" + r.messages().size(), "ping", "{}")))))
        .build();
    Orchestrator o = Orchestrator.builder(looping(3)).model(model).tools("t.Ping", (t, a, c) -> "pong").build();
    MaxTurnsExceededException e = assertThrows(MaxTurnsExceededException.class, () -> o.call("looper", "go"));
    assertEquals(3, e.limit());
    assertEquals("looper", e.path());
    assertEquals(3, model.callCount());
    assertTrue(e.getMessage().contains("maxTurns"));
  }

  @Test
  void maxModelCallsBoundsTheRun() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("looper", s -> s.otherwise(r -> ModelResponse.toolCalls(List.of(
            new dev.baton.runtime.model.ToolCall("c" + r.messages().size(), "ping", "{}")))))
        .build();
    Orchestrator o = Orchestrator.builder(looping(50)).model(model).tools("t.Ping", (t, a, c) -> "pong")
        .options(RunOptions.builder().maxModelCalls(4).build()).build();
    MaxTurnsExceededException e = assertThrows(MaxTurnsExceededException.class, () -> o.call("looper", "go"));
    assertEquals(4, e.limit());
    assertEquals(4, model.callCount());
    assertTrue(e.getMessage().contains("maxModelCalls"));
  }

  @Test
  void deadlineCancelsEverythingAndFailsWithRunTimeout() {
    AgentGraph g = AgentGraph.builder("Slow")
        .llmAgent("slow", a -> a.instructions("Think.").input("task", String.class)).build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("slow", s -> s.delay(Duration.ofMinutes(5)).reply("late").delay(Duration.ofMinutes(5)).reply("late")).build();
    Orchestrator o = Orchestrator.builder(g).model(model)
        .options(RunOptions.builder().deadline(Duration.ofMillis(200)).build()).build();
    Run<Object> run = o.start("slow", "x");
    RunTimeoutException e = assertThrows(RunTimeoutException.class, run::await);
    assertEquals(Duration.ofMillis(200), e.deadline());
    assertEquals(RunStatus.CANCELLED, run.status());
    Threads.assertNoneLeft(run.id());
    // A blocking call fails the same way, and leaves the caller's thread uninterrupted.
    assertThrows(RunTimeoutException.class, () -> o.call("slow", "y"));
    assertTrue(!Thread.currentThread().isInterrupted());
  }

  @Test
  void structuredOutputIsParsedRepairedOnceThenRejected() {
    AgentGraph g = AgentGraph.builder("Judge")
        .llmAgent("judge", a -> a.instructions("Judge.").input("debate", String.class).output(Verdict.class))
        .llmAgent("moods", a -> a.instructions("Moods.").input("text", String.class)
            .output(Types.listOf(Mood.class)))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("judge", s -> s.reply("the winner is pro").reply("{\"winner\":\"pro\",\"score\":7}")
            .reply("nope").reply("still nope"))
        .agent("moods", s -> s.reply("{\"value\":[\"happy\",\"SAD\"]}"))
        .build();
    Orchestrator o = Orchestrator.builder(g).model(model).build();

    assertEquals(new Verdict("pro", 7), o.call("judge", "transcript"));
    // The repair request tells the model what went wrong; the request carried the schema.
    var second = model.requests("judge").get(1);
    assertTrue(((UserMessage) second.messages().get(second.messages().size() - 1)).text()
        .contains("could not be read as Verdict"));
    assertTrue(second.output().schema().contains("\"winner\""));

    ModelBehaviorException e = assertThrows(ModelBehaviorException.class, () -> o.call("judge", "again"));
    assertTrue(e.getMessage().contains("Verdict"));

    // Non-object outputs are wrapped in {"value": ...} for structured-output APIs and unwrapped.
    assertEquals(List.of(Mood.HAPPY, Mood.SAD), o.call("moods", "mixed"));
    assertTrue(model.requests("moods").get(0).output().schema().startsWith("{\"type\":\"object\""));
  }
}
