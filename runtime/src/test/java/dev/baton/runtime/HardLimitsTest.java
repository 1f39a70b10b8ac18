package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Memory, size and input limits of the run loop, checked as bounds. */
@ExtendWith(NoRunThreadsLeft.class)
class HardLimitsTest {
  /** Carries the generic parameter type {@code Optional<String>}. */
  interface Signatures {
    String greet(Optional<String> name);
  }

  private static AgentGraph desk() {
    return AgentGraph.builder("Desk")
        .llmAgent("desk", a -> a.instructions("Help.").input("message", String.class))
        .build();
  }

  @Test
  void anAnswerThatNeverEndsFailsAtTheLimitNamingIt() {
    AtomicInteger deltas = new AtomicInteger();
    Model endless = (request, listener) -> {
      while (true) {
        listener.onTextDelta("x"); // a server streaming one-character deltas forever
        deltas.incrementAndGet();
      }
    };
    Orchestrator o = Orchestrator.builder(desk()).model(endless)
        .options(RunOptions.builder().maxAnswerChars(10_000).build()).build();

    AnswerTooLargeException e = assertThrows(AnswerTooLargeException.class, () -> o.call("desk", "hi"));

    assertEquals(10_000, e.limit());
    assertTrue(e.getMessage().contains("maxAnswerChars"), e.getMessage());
    assertEquals(10_000, deltas.get());
  }

  @Test
  void toolCallArgumentsCountTowardsTheAnswerLimit() {
    String arguments = "{\"note\":\"" + "a".repeat(20_000) + "\"}";
    Model model = (request, listener) -> new ModelResponse("", List.of(
        new dev.baton.runtime.model.ToolCall("c1", "lookup", arguments, "")),
        dev.baton.runtime.model.Usage.NONE, "tool_calls");
    Orchestrator o = Orchestrator.builder(desk()).model(model)
        .options(RunOptions.builder().maxAnswerChars(10_000).build()).build();

    AnswerTooLargeException e = assertThrows(AnswerTooLargeException.class, () -> o.call("desk", "hi"));

    assertEquals(AnswerTooLargeException.RUN_SETTING, e.setting());
    assertEquals(10_000, e.limit());
    assertTrue(e.getMessage().contains("RunOptions.maxAnswerChars"), e.getMessage());
  }

  @Test
  void lateSubscribersSeeEveryEventButOnlyTheNewestTextWithinTheRetention() {
    String[] chunks = new String[5_000];
    java.util.Arrays.fill(chunks, "0123456789");
    ScriptedModel model = ScriptedModel.builder().agent("desk", s -> s.stream(chunks)).build();
    Run<Object> run = Orchestrator.builder(desk()).model(model)
        .options(RunOptions.builder().maxRetainedTextChars(1_000).build()).build().start("desk", "hi");
    run.await();

    List<RunEvent> late = run.events().toList();
    long text = late.stream().filter(e -> e instanceof RunEvent.TextDelta)
        .mapToLong(e -> ((RunEvent.TextDelta) e).text().length()).sum();
    assertEquals(1_000, text);
    assertTrue(late.get(0) instanceof RunEvent.RunStarted);
    assertTrue(late.get(late.size() - 1) instanceof RunEvent.RunFinished);
    assertTrue(late.stream().anyMatch(e -> e instanceof RunEvent.AgentStarted));
    for (int i = 1; i < late.size(); i++) {
      assertTrue(late.get(i).sequence() > late.get(i - 1).sequence());
    }
  }

  @Test
  void nullIsRefusedBeforeAnyModelCallNamingAgentAndParameter() {
    ScriptedModel model = ScriptedModel.builder().fallback(r -> ModelResponse.text("x")).build();
    Orchestrator o = Orchestrator.builder(desk()).model(model).build();

    AgentArgumentException e = assertThrows(AgentArgumentException.class,
        () -> o.call("desk", (Object) null));

    assertEquals("desk", e.agent());
    assertEquals("message", e.parameter());
    assertEquals(0, model.callCount());
  }

  @Test
  void nullForAnOptionalParameterIsTheEmptyOptional() throws Exception {
    java.lang.reflect.Type optionalString = Signatures.class.getMethod("greet", Optional.class)
        .getGenericParameterTypes()[0];
    AgentGraph g = AgentGraph.builder("Opt")
        .codeAgent("greet", a -> a.input("name", optionalString).output(String.class))
        .build();
    Orchestrator o = Orchestrator.builder(g)
        .codeAgent("greet", (orch, args) -> "hello " + ((Optional<?>) args[0]).map(Object::toString).orElse("you")).build();

    assertEquals("hello you", o.call("greet", (Object) null));
  }

  @Test
  void aOneWayHandoffRingEndsByTheDepthLimitNotByOverflowingTheStack() {
    AgentGraph ring = AgentGraph.builder("Ring")
        .llmAgent("a", a -> a.instructions("a").description("A.").input("m", String.class))
        .llmAgent("b", a -> a.instructions("b").description("B.").input("m", String.class))
        .handoff("a", "b", false)
        .handoff("b", "a", false)
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("a", s -> s.otherwise(r -> ModelResponse.toolCalls(List.of(
            new dev.baton.runtime.model.ToolCall("h", "transfer_to_b", "{\"m\":\"go\"}")))))
        .agent("b", s -> s.otherwise(r -> ModelResponse.toolCalls(List.of(
            new dev.baton.runtime.model.ToolCall("h", "transfer_to_a", "{\"m\":\"go\"}")))))
        .build();
    Orchestrator o = Orchestrator.builder(ring).model(model)
        .options(RunOptions.builder().maxModelCalls(100_000).build()).build();

    CallDepthExceededException e = assertThrows(CallDepthExceededException.class,
        () -> o.call("a", "go"));

    assertEquals(256, e.limit());
    assertTrue(e.path().startsWith("a>b>a>b"), e.path());
  }

  @Test
  void aStateNestedBeyondTheReadLimitNamesTheLimit() {
    String deep = "[".repeat(1_500) + "]".repeat(1_500);
    String state = "{\"format\":\"baton-run-state\",\"version\":1,\"runId\":\"r\",\"graph\":\"g\","
        + "\"entry\":{\"agent\":\"a\",\"arguments\":" + deep + "},\"journal\":[],\"approvals\":[],"
        + "\"decisions\":{}}";

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunState.fromJson(state));

    assertTrue(e.getMessage().contains("baton.json.maxNestingDepth"), e.getMessage());
  }

  @Test
  void aValueOverJacksonsDefaultStringLimitSurvivesTheStateDocument() {
    String big = "y".repeat(21_000_000);
    ScriptedModel model = ScriptedModel.builder().agent("desk", s -> s.reply(big)).build();
    Run<Object> run = Orchestrator.builder(desk()).model(model)
        .options(RunOptions.builder().maxRetainedTextChars(0).maxAnswerChars(50_000_000).build()).build()
        .start("desk", "hi");
    assertEquals(big.length(), ((String) run.await()).length());

    RunState back = RunState.fromJson(run.state().toJson());

    assertEquals(run.state().journal().size(), back.journal().size());
  }
}
