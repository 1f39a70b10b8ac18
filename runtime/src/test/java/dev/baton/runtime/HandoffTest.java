package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(NoRunThreadsLeft.class)
class HandoffTest {
  static AgentGraph support() {
    return AgentGraph.builder("Support")
        .llmAgent("frontDesk", a -> a.instructions("You are the front desk.").input("message", String.class))
        .llmAgent("billing", a -> a.instructions("You resolve billing problems.")
            .description("Resolves invoices.").input("problem", String.class))
        .llmAgent("technical", a -> a.instructions("You fix technical problems.")
            .description("Fixes bugs.").input("problem", String.class))
        .handoff("frontDesk", "billing", true)
        .handoff("frontDesk", "technical", true)
        .build();
  }

  static ScriptedModel supportScript() {
    return ScriptedModel.builder()
        .agent("frontDesk", s -> s
            .handoff("billing", "{\"problem\":\"charged twice\"}")
            .respond(r -> dev.baton.runtime.model.ModelResponse.text(
                "Billing says: " + ((ToolMessage) r.messages().get(r.messages().size() - 1)).content())))
        .agent("billing", s -> s.reply("refund issued"))
        .build();
  }

  @Test
  void backHandoffAnswersTheHandoffCallAndTheSourceFinishes() {
    ScriptedModel model = supportScript();
    Orchestrator o = Orchestrator.builder(support()).model(model).build();

    String answer = o.call("frontDesk", "I was charged twice");

    assertEquals("Billing says: refund issued", answer);
    assertEquals(List.of("frontDesk", "billing", "frontDesk"),
        model.requests().stream().map(r -> r.agent()).toList());
    assertEquals("frontDesk>billing", model.requests("billing").get(0).path());
    // The specialist sees the customer's message: it runs on a copy of the conversation.
    assertTrue(model.requests("billing").get(0).messages().toString().contains("I was charged twice"));
  }

  @Test
  void blockingAndStreamingProduceTheSameEvents() {
    List<RunEvent> streamed;
    Orchestrator o = Orchestrator.builder(support()).model(supportScript()).build();
    Run<Object> run = o.start("frontDesk", "I was charged twice");
    try (var events = run.events()) {
      streamed = events.toList();
    }
    assertEquals("Billing says: refund issued", run.await());

    List<RunEvent> blocking = new java.util.ArrayList<>();
    Orchestrator listening = Orchestrator.builder(support()).model(supportScript())
        .options(RunOptions.builder().listener(blocking::add).build()).build();
    assertEquals("Billing says: refund issued", listening.call("frontDesk", "I was charged twice"));

    assertEquals(shape(streamed), shape(blocking));
    assertTrue(shape(streamed).contains("HandoffOccurred@frontDesk"), shape(streamed));
    assertTrue(shape(streamed).contains("HandedBack@frontDesk>billing"), shape(streamed));
  }

  static String shape(List<RunEvent> events) {
    return events.stream().map(e -> e.getClass().getSimpleName() + "@" + e.path())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void twoBackHandoffsInOneTurnRunConcurrently() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s
            .calls(ScriptedModel.toolCall("transfer_to_billing", "{\"problem\":\"a\"}"),
                ScriptedModel.toolCall("transfer_to_technical", "{\"problem\":\"b\"}"))
            .reply("done"))
        .fallback(r -> {
          both.countDown();
          try {
            // Each specialist waits for the other: only concurrent execution gets past this.
            boolean met = both.await(10, TimeUnit.SECONDS);
            return dev.baton.runtime.model.ModelResponse.text(met ? "met" : "alone");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        })
        .build();
    Orchestrator o = Orchestrator.builder(support()).model(model).build();
    assertEquals("done", o.call("frontDesk", "two problems"));
    List<ToolMessage> results = model.requests("frontDesk").get(1).messages().stream()
        .filter(m -> m instanceof ToolMessage).map(m -> (ToolMessage) m).toList();
    assertEquals(List.of("met", "met"), results.stream().map(ToolMessage::content).toList());
  }

  record Ticket(String id, int priority) {}

  @Test
  void oneWayHandoffTargetOutputIsTheSourceOutput() {
    AgentGraph g = AgentGraph.builder("Router")
        .llmAgent("router", a -> a.instructions("Route.").input("message", String.class).output(Ticket.class))
        .llmAgent("sales", a -> a.instructions("Sell.").input("message", String.class).output(Ticket.class))
        .llmAgent("billing", a -> a.instructions("Bill.").input("message", String.class).output(Ticket.class))
        .handoff("router", "sales", false)
        .handoff("router", "billing", false)
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("router", s -> s.calls(
            ScriptedModel.toolCall("transfer_to_sales", "{\"message\":\"buy\"}"),
            ScriptedModel.toolCall("transfer_to_billing", "{\"message\":\"pay\"}")))
        .agent("sales", s -> s.reply("{\"id\":\"S-1\",\"priority\":2}"))
        .build();
    Orchestrator o = Orchestrator.builder(g).model(model).build();
    Run<Object> run = o.start("router", "I want to buy");
    assertEquals(new Ticket("S-1", 2), run.await());
    // The first handoff wins; the second is answered with an error and never runs.
    assertTrue(model.requests("billing").isEmpty());
    List<RunEvent> events = run.events().toList();
    assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.ToolReturned t && t.error()
        && t.result().contains("one handoff per turn")));
    assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.HandoffOccurred h && !h.back()
        && h.to().equals("sales")));
    // The target takes over the branch conversation: it sees the router's input.
    assertTrue(model.requests("sales").get(0).messages().toString().contains("I want to buy"));
    assertEquals("router>sales", model.requests("sales").get(0).path());
  }
}
