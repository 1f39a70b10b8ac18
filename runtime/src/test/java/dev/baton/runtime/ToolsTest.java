package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(NoRunThreadsLeft.class)
class ToolsTest {
  static final String OWNER = "test.LedgerTools";
  static final ToolSpec REFUND = new ToolSpec("refund", "Refunds an order.",
      "{\"type\":\"object\",\"properties\":{\"orderId\":{\"type\":\"string\"},\"cents\":{\"type\":\"integer\"}},"
          + "\"required\":[\"orderId\",\"cents\"],\"additionalProperties\":false}", false, OWNER);
  static final ToolSpec EXPLODE = new ToolSpec("explode", "Always fails.",
      "{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}", false, OWNER);

  /** A context object tools write into. */
  static final class Ledger {
    final List<String> entries = new java.util.concurrent.CopyOnWriteArrayList<>();
  }

  static AgentGraph graph() {
    return AgentGraph.builder("Billing")
        .llmAgent("billing", a -> a.instructions("Bill.").input("problem", String.class)
            .tool(REFUND).tool(EXPLODE))
        .build();
  }

  static ToolInvoker invoker(AtomicInteger calls) {
    return (tool, args, ctx) -> {
      calls.incrementAndGet();
      return switch (tool) {
        case "refund" -> {
          String order = args.get("orderId", String.class);
          int cents = args.get("cents", int.class);
          ctx.get(Ledger.class).entries.add(ctx.path() + ":" + order + ":" + cents);
          yield "refunded " + order;
        }
        case "explode" -> throw new IllegalStateException("ledger offline");
        default -> throw new IllegalArgumentException(tool);
      };
    };
  }

  private static List<ToolMessage> toolResults(ScriptedModel model, int request) {
    return model.requests("billing").get(request).messages().stream()
        .filter(m -> m instanceof ToolMessage).map(m -> (ToolMessage) m).toList();
  }

  @Test
  void failuresBecomeErrorResultsTheModelSeesAndTheRunGoesOn() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("billing", s -> s
            .calls(ScriptedModel.toolCall("explode", "{}"),
                ScriptedModel.toolCall("nope", "{}"),
                ScriptedModel.toolCall("refund", "{\"orderId\":\"A1\"}"),
                ScriptedModel.toolCall("refund", "{\"orderId\":\"A1\",\"cents\":\"many\"}"),
                ScriptedModel.toolCall("refund", "not json"))
            .reply("sorry"))
        .build();
    AtomicInteger calls = new AtomicInteger();
    Ledger ledger = new Ledger();
    Orchestrator o = Orchestrator.builder(graph()).model(model).tools(OWNER, invoker(calls))
        .options(RunOptions.builder().context(ledger).build()).build();
    Run<Object> run = o.start("billing", "charged twice");
    assertEquals("sorry", run.await());

    List<ToolMessage> results = toolResults(model, 1);
    assertEquals(5, results.size());
    assertTrue(results.stream().allMatch(ToolMessage::error), results.toString());
    assertTrue(results.get(0).content().contains("ledger offline"));
    assertTrue(results.get(1).content().contains("no tool named \"nope\""));
    assertTrue(results.get(1).content().contains("refund"));
    assertTrue(results.get(2).content().contains("\"cents\"") && results.get(2).content().contains("missing"));
    assertTrue(results.get(3).content().contains("\"cents\""));
    assertTrue(results.get(4).content().contains("not valid JSON"));
    // Arguments are bound before user code runs: the bad refunds never reached the ledger.
    assertTrue(ledger.entries.isEmpty());
    long errors = run.events().filter(e -> e instanceof RunEvent.ToolReturned t && t.error()).count();
    assertEquals(5, errors);
  }

  @Test
  void toolsFindContextObjectsAndMissingOnesAreNamed() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("billing", s -> s.call("refund", "{\"orderId\":\"A1\",\"cents\":250}").reply("done")
            .call("refund", "{\"orderId\":\"A2\",\"cents\":1}").reply("done again"))
        .build();
    AtomicInteger calls = new AtomicInteger();
    Ledger ledger = new Ledger();
    Orchestrator o = Orchestrator.builder(graph()).model(model).tools(OWNER, invoker(calls)).build();
    assertEquals("done", o.with(RunOptions.builder().context(ledger).build()).call("billing", "x"));
    assertEquals(List.of("billing:A1:250"), ledger.entries);

    // Without one, the run fails: the model never sees the wiring mistake as a tool result.
    RunSetupException e = org.junit.jupiter.api.Assertions.assertThrows(RunSetupException.class,
        () -> o.call("billing", "y"));
    assertTrue(e.getMessage().contains(Ledger.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("RunOptions.builder().context("), e.getMessage());
    assertEquals("billing", e.path());
    assertEquals(3, model.callCount(), "no model call after the failed tool call");
  }

  @Test
  void toolCallsOfOneTurnRunConcurrently() {
    CountDownLatch both = new CountDownLatch(2);
    ToolInvoker waiting = (tool, args, ctx) -> {
      both.countDown();
      return both.await(10, TimeUnit.SECONDS) ? "met" : "alone";
    };
    ScriptedModel model = ScriptedModel.builder()
        .agent("billing", s -> s.calls(ScriptedModel.toolCall("refund", "{}"),
            ScriptedModel.toolCall("explode", "{}")).reply("ok"))
        .build();
    Orchestrator o = Orchestrator.builder(graph()).model(model).tools(OWNER, waiting).build();
    assertEquals("ok", o.call("billing", "x"));
    assertEquals(List.of("met", "met"), toolResults(model, 1).stream().map(ToolMessage::content).toList());
    assertFalse(toolResults(model, 1).get(0).error());
  }

  @Test
  void runContextIsAvailableInToolsAndNotOutside() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("billing", s -> s.call("refund", "{}").reply("ok")).build();
    String[] seen = new String[2];
    ToolInvoker probe = (tool, args, ctx) -> {
      seen[0] = RunContext.current().path();
      seen[1] = RunContext.current().runId();
      return null;
    };
    Run<Object> run = Orchestrator.builder(graph()).model(model).tools(OWNER, probe).build()
        .start("billing", "x");
    run.await();
    assertEquals("billing", seen[0]);
    assertEquals(run.id(), seen[1]);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, RunContext::current);
  }
}
