package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoRunThreadsLeft.class)
class EventsTest {
  record Order(String id, int cents) {}

  @Test
  void jsonInputsBindToParameterTypes() {
    AgentGraph g = AgentGraph.builder("Orders")
        .llmAgent("check", a -> a.instructions("Check the order.").input("order", Order.class)
            .input("urgent", boolean.class))
        .build();
    ScriptedModel model = ScriptedModel.builder().agent("check", s -> s.reply("fine")).build();
    Orchestrator o = Orchestrator.builder(g).model(model).build();
    assertEquals("fine", o.startJson("check", "{\"order\":{\"id\":\"A1\",\"cents\":5},\"urgent\":true}").await());
    // Several arguments are rendered as one JSON object by parameter name.
    String input = model.requests("check").get(0).messages().get(1).toString();
    assertTrue(input.contains("{\"order\":{\"id\":\"A1\",\"cents\":5},\"urgent\":true}"), input);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> o.startJson("check", "{\"order\":{\"id\":\"A1\",\"cents\":5}}"));
    assertTrue(bad.getMessage().contains("\"urgent\""), bad.getMessage());
  }

  @Test
  void sequenceNumbersOrderEveryEventAndTheStreamEndsWithTheRun() {
    Run<Object> run = Orchestrator.builder(HandoffTest.support()).model(HandoffTest.supportScript()).build()
        .start("frontDesk", "I was charged twice");
    List<RunEvent> first = run.events().toList();
    List<RunEvent> again = run.events().toList();
    assertEquals(first, again);
    assertEquals(LongStream.range(0, first.size()).boxed().toList(),
        first.stream().map(RunEvent::sequence).toList());
    assertInstanceOf(RunEvent.RunStarted.class, first.get(0));
    assertInstanceOf(RunEvent.RunFinished.class, first.get(first.size() - 1));
    assertTrue(first.stream().allMatch(e -> e.runId().equals(run.id())));
    for (int i = 1; i < first.size(); i++) {
      assertTrue(!first.get(i).at().isBefore(first.get(i - 1).at()));
    }
    run.await(); // the stream ends with the run's last event; its thread is gone once await returns
  }

  @Test
  void aSlowListenerNeverSlowsTheRunAndSeesEverything() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<RunEvent> seen = new CopyOnWriteArrayList<>();
    RunListener slow = e -> {
      try {
        release.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      seen.add(e);
      throw new IllegalStateException("listener bug is ignored");
    };
    Orchestrator o = Orchestrator.builder(HandoffTest.support()).model(HandoffTest.supportScript())
        .options(RunOptions.builder().listener(slow).build()).build();
    Run<Object> run = o.start("frontDesk", "I was charged twice");
    // The agents finish while the listener is still blocked on its first event.
    List<String> kinds = new ArrayList<>();
    try (var events = run.events()) {
      events.takeWhile(e -> !(e instanceof RunEvent.AgentFinished f && f.path().equals("frontDesk")))
          .forEach(e -> kinds.add(e.getClass().getSimpleName()));
    }
    assertTrue(seen.isEmpty());
    release.countDown();
    assertEquals("Billing says: refund issued", run.await(Duration.ofSeconds(30)));
    assertEquals(run.events().toList(), seen);
    assertTrue(kinds.contains("HandedBack"), kinds.stream().collect(Collectors.joining(",")));
  }
}
