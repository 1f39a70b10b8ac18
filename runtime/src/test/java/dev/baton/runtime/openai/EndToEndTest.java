package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.chunk;
import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static dev.baton.runtime.openai.Loopback.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole run through the real wire format: a front desk hands back-off to an inspector that
 * fans out to two checkers and aggregates; every model call goes over loopback HTTP, streamed.
 */
class EndToEndTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        JsonNode body = tree(request.getBody().utf8());
        String system = body.path("messages").get(0).path("content").asText();
        boolean answered = body.path("messages").findValues("role").stream()
            .anyMatch(r -> r.asText().equals("tool"));
        return switch (system) {
          case "You are the front desk." -> answered
              ? sse(events(textChunk("Inspection says: "), textChunk(lastToolContent(body)),
                  chunk("{}", "stop")))
              : sse(events(
                  chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                      + "\"function\":{\"name\":\"transfer_to_inspect\",\"arguments\":\"{\\\"pa\"}}]}"),
                  chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"rt\\\":\\\"valve\\\"}\"}}]}"),
                  chunk("{}", "tool_calls")));
          case "Check pressure." -> sse(events(textChunk("pressure ok"), chunk("{}", "stop")));
          case "Check seals." -> sse(events(textChunk("seals worn"), chunk("{}", "stop")));
          case "Summarize the checks." -> sse(events(textChunk(summary(body)), chunk("{}", "stop")));
          default -> new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"unknown\"}}").build();
        };
      }
    });
    server.start();
  }

  private static String lastToolContent(JsonNode body) {
    JsonNode messages = body.path("messages");
    return messages.get(messages.size() - 1).path("content").asText();
  }

  // The aggregator proves it saw both branch outputs in its input.
  private static String summary(JsonNode body) {
    String input = body.path("messages").get(body.path("messages").size() - 1).path("content").asText();
    return (input.contains("pressure ok") ? "pressure fine" : "pressure unknown") + ", "
        + (input.contains("seals worn") ? "replace seals" : "seals unknown");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void backHandoffIntoAFanOutRunsOverTheWireFormat() throws Exception {
    AgentGraph graph = AgentGraph.builder("Inspection")
        .llmAgent("desk", a -> a.instructions("You are the front desk.").input("message", String.class))
        .llmAgent("inspect", a -> a.instructions("Summarize the checks.").description("Inspects a part.")
            .input("part", String.class).parallel("pressure", "seals").timeout("20s"))
        .llmAgent("pressure", a -> a.instructions("Check pressure.").input("part", String.class))
        .llmAgent("seals", a -> a.instructions("Check seals.").input("part", String.class))
        .handoff("desk", "inspect", true)
        .build();
    try (OpenAiModel model = OpenAiModel.builder().baseUrl(server.url("/v1").toString())
        .apiKey(Loopback.KEY).model("test-model").attemptTimeout(Duration.ofSeconds(20)).build()) {
      Run<Object> run = Orchestrator.builder(graph).model(model).build().start("desk", "check the valve");
      assertEquals("Inspection says: pressure fine, replace seals", run.await());

      List<RunEvent> events = run.events().toList();
      String deltas = events.stream().filter(e -> e instanceof RunEvent.TextDelta)
          .map(e -> e.path() + ":" + ((RunEvent.TextDelta) e).text()).collect(Collectors.joining("|"));
      assertTrue(deltas.contains("desk>inspect/seals:seals worn"), deltas);
      assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.HandedBack h && h.to().equals("desk")));
      assertEquals(5, server.getRequestCount());
      String all = events.toString();
      assertFalse(all.contains(Loopback.KEY));
    }
  }
}
