package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.chunk;
import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.json;
import static dev.baton.runtime.openai.Loopback.request;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.ModelRefusalException;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ModelSettings;
import dev.baton.runtime.model.UserMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every configured secret, not only the API key, is scrubbed: header values, the token of a
 * hand-set {@code Authorization}, key-like query parameters of the base URL and headers of the
 * model settings; from exceptions and from everything an answer carries into events, the journal
 * and the state. Canary values that a hostile server echoes back.
 */
class SecretScrubbingTest {
  private static final String CANARY = "canary-" + UUID.randomUUID().toString().replace("-", "");

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Answers every request with a 401 whose message echoes the URL and every header. */
  private void echoInErrors() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String echo = request.getUrl() + " " + request.getHeaders();
        return json(401, "{\"error\":{\"message\":" + new TextNode("Invalid credentials: " + echo)
            + "}}");
      }
    });
  }

  private void answer(Function<RecordedRequest, MockResponse> answer) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer.apply(request);
      }
    });
  }

  private OpenAiModel.Builder model() {
    return OpenAiModel.builder().baseUrl(server.url("/v1").toString()).model("m")
        .retryPolicy(RetryPolicy.NONE);
  }

  private static String everything(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out + " " + e;
  }

  private void assertScrubbedFailure(OpenAiModel model, ModelRequest request) {
    try (model) {
      ModelCallException e = assertThrows(ModelCallException.class,
          () -> model.respond(request, d -> { }));
      assertTrue(e.getMessage().contains("Invalid credentials"), e.getMessage());
      assertFalse(everything(e).contains(CANARY), everything(e));
      assertFalse(model.toString().contains(CANARY), model.toString());
    }
  }

  @Test
  void keyGivenAsAnApiKeyHeaderIsScrubbed() {
    echoInErrors();
    assertScrubbedFailure(model().header("api-key", CANARY).build(), request("hi"));
  }

  @Test
  void keyGivenAsAHandSetBearerHeaderIsScrubbed() {
    echoInErrors();
    assertScrubbedFailure(model().header("Authorization", "Bearer " + CANARY).build(),
        request("hi"));
  }

  @Test
  void keyGivenAsAnXApiKeyHeaderIsScrubbed() {
    echoInErrors();
    assertScrubbedFailure(model().header("x-api-key", CANARY).build(), request("hi"));
  }

  @Test
  void keyInTheBaseUrlsQueryIsScrubbed() {
    echoInErrors();
    OpenAiModel model = OpenAiModel.builder()
        .baseUrl(server.url("/v1").newBuilder().addQueryParameter("key", CANARY).build().toString())
        .model("m").retryPolicy(RetryPolicy.NONE).build();
    assertScrubbedFailure(model, request("hi"));
  }

  @Test
  void headerOfTheModelSettingsIsScrubbed() {
    echoInErrors();
    ModelRequest request = new ModelRequest("run-1", "desk", "desk", "",
        List.of(new UserMessage("hi")), List.of(), null,
        ModelSettings.builder().extraHeader("X-Upstream-Key", CANARY).build());
    assertScrubbedFailure(model().build(), request);
  }

  @Test
  void keyEchoedInAStreamedAnswerIsScrubbedFromTextDeltasAndArguments() throws Exception {
    String head = CANARY.substring(0, 10);
    String tail = CANARY.substring(10);
    answer(r -> sse(events(textChunk("Your key is "), textChunk(head), textChunk(tail),
        textChunk(" and nothing else."),
        chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":"
            + "{\"name\":\"save\",\"arguments\":" + new TextNode("{\"note\":\"" + CANARY + "\"}")
            + "}}]}"),
        chunk("{}", "tool_calls"))));
    List<String> deltas = new ArrayList<>();
    try (OpenAiModel model = model().apiKey(CANARY).build()) {
      ModelResponse response = model.respond(request("hi"), deltas::add);

      assertFalse(response.toString().contains(CANARY), response.toString());
      assertFalse(String.join("", deltas).contains(CANARY), deltas.toString());
      assertTrue(String.join("", deltas).equals(response.text()), deltas + " vs " + response.text());
      assertTrue(response.text().contains(SecretScrubber.REDACTED), response.text());
      assertTrue(response.toolCalls().get(0).arguments().contains(SecretScrubber.REDACTED));
    }
  }

  @Test
  void keyEchoedInARefusalIsScrubbed() {
    answer(r -> json("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
        + "\"refusal\":\"I will not use " + CANARY + "\"},\"finish_reason\":\"stop\"}]}"));
    record Out(String value) {}
    AgentGraph graph = AgentGraph.builder("Desk")
        .llmAgent("desk", a -> a.instructions("Help.").input("q", String.class).output(Out.class))
        .build();
    try (OpenAiModel model = model().header("api-key", CANARY).build()) {
      Run<Object> run = Orchestrator.builder(graph).model(model).build().start("desk", "hi");
      ModelRefusalException e = assertThrows(ModelRefusalException.class, run::await);

      assertFalse(e.refusal().contains(CANARY), e.refusal());
      assertFalse(run.events().toList().toString().contains(CANARY));
    }
  }

  @Test
  void keyEchoedInAnAnswerNeverReachesEventsJournalOrState() {
    answer(r -> r.getBody().utf8().contains("\"tool\"")
        ? sse(events(textChunk("Done with " + CANARY), chunk("{}", "stop")))
        : sse(events(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"save\",\"arguments\":"
            + new TextNode("{\"note\":\"" + CANARY + "\"}") + "}}]}"), chunk("{}", "tool_calls"))));
    String schema = "{\"type\":\"object\",\"properties\":{\"note\":{\"type\":\"string\"}},"
        + "\"required\":[\"note\"],\"additionalProperties\":false}";
    AgentGraph graph = AgentGraph.builder("Notes")
        .llmAgent("notes", a -> a.instructions("Save notes.").input("q", String.class)
            .tool(new ToolSpec("save", "Saves.", schema, false, "t.Save")))
        .build();
    try (OpenAiModel model = model().header("Authorization", "Bearer " + CANARY).build()) {
      Run<Object> run = Orchestrator.builder(graph).model(model)
          .tools("t.Save", (tool, arguments, context) -> "saved").build().start("notes", "hi");
      Object answer = run.await();

      assertFalse(answer.toString().contains(CANARY), answer.toString());
      assertFalse(run.events().toList().toString().contains(CANARY));
      assertFalse(run.state().toJson().contains(CANARY));
    }
  }

  @Test
  void keyEchoedInResponseIdModelNameAndToolCallIdAndNameNeverReachesEventsJournalOrState() {
    // A hostile server echoes the key in every field that is not text: the response's id and
    // model, a tool call's id and its function name (once in a plain body, once in a stream).
    answer(r -> r.getBody().utf8().contains("\"tool\"")
        ? sse(events("{\"id\":\"chatcmpl-" + CANARY + "\",\"object\":\"chat.completion.chunk\","
            + "\"model\":\"m-" + CANARY + "\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"content\":\"done\"},\"finish_reason\":\"stop\"}]}"))
        : json(200, "{\"id\":\"chatcmpl-" + CANARY + "\",\"object\":\"chat.completion\","
            + "\"model\":\"m-" + CANARY + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":null,\"tool_calls\":["
            + "{\"id\":\"call_" + CANARY + "\",\"type\":\"function\",\"function\":{\"name\":"
            + "\"save\",\"arguments\":\"{}\"}},"
            + "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":"
            + "\"save_" + CANARY + "\",\"arguments\":\"{}\"}}]},"
            + "\"finish_reason\":\"tool_calls\"}]}"));
    AgentGraph graph = AgentGraph.builder("Notes")
        .llmAgent("notes", a -> a.instructions("Save notes.").input("q", String.class)
            .tool(new ToolSpec("save", "Saves.", "{\"type\":\"object\",\"properties\":{},"
                + "\"additionalProperties\":false}", false, "t.Save")))
        .build();
    try (OpenAiModel model = model().header("api-key", CANARY).build()) {
      Run<Object> run = Orchestrator.builder(graph).model(model)
          .tools("t.Save", (tool, arguments, context) -> "saved").build().start("notes", "hi");

      org.junit.jupiter.api.Assertions.assertEquals("done", run.await());
      assertFalse(run.events().toList().toString().contains(CANARY),
          run.events().toList().toString());
      assertFalse(run.state().toJson().contains(CANARY));
      assertFalse(server.takeRequest().getBody().utf8().contains(CANARY));
      assertFalse(server.takeRequest().getBody().utf8().contains(CANARY),
          "the key is not sent back in the conversation either");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
