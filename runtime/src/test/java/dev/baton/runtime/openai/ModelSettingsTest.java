package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.completion;
import static dev.baton.runtime.openai.Loopback.json;
import static dev.baton.runtime.openai.Loopback.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelSettings;
import dev.baton.runtime.model.ToolDefinition;
import dev.baton.runtime.model.UserMessage;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Model settings: only what is set is sent; agent beats run beats client. */
class ModelSettingsTest extends LoopbackTest {
  private static final String NO_PARAMETERS =
      "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}";

  private RecordedRequest send(ModelSettings settings, boolean withTools) throws Exception {
    server.enqueue(json(completion("ok")));
    List<ToolDefinition> tools = withTools
        ? List.of(new ToolDefinition("ping", "Pings.", NO_PARAMETERS)) : List.of();
    model.respond(new ModelRequest("run-1", "desk", "desk", "", List.of(new UserMessage("hi")),
        tools, null, settings), delta -> { });
    return server.takeRequest();
  }

  private static JsonNode body(RecordedRequest request) {
    return tree(request.getBody().utf8());
  }

  @Test
  void unsetFieldsAreNotSentAndParallelToolCallsIsNotSentByDefault() throws Exception {
    JsonNode body = body(send(ModelSettings.NONE, true));

    for (String field : List.of("temperature", "top_p", "max_tokens", "max_completion_tokens",
        "tool_choice", "parallel_tool_calls", "stop", "seed", "reasoning_effort")) {
      assertFalse(body.has(field), field + " in " + body);
    }
  }

  @Test
  void everySetFieldIsSentUnderItsWireName() throws Exception {
    ModelSettings settings = ModelSettings.builder()
        .temperature(0.2).topP(0.9).maxTokens(300).toolChoice("required").parallelToolCalls(false)
        .stop("END", "STOP").seed(42L).reasoningEffort("low")
        .extraBody("top_k", 40).extraBody("chat_template_kwargs", Map.of("thinking", false))
        .extraHeader("X-Title", "Baton tests")
        .build();

    RecordedRequest request = send(settings, true);
    JsonNode body = body(request);

    assertEquals(0.2, body.path("temperature").asDouble());
    assertEquals(0.9, body.path("top_p").asDouble());
    assertEquals(300, body.path("max_tokens").asInt(), "a non-OpenAI server gets max_tokens");
    assertEquals("required", body.path("tool_choice").asText());
    assertFalse(body.path("parallel_tool_calls").asBoolean(true));
    assertEquals(tree("[\"END\",\"STOP\"]"), body.path("stop"));
    assertEquals(42, body.path("seed").asLong());
    assertEquals("low", body.path("reasoning_effort").asText());
    assertEquals(40, body.path("top_k").asInt());
    assertEquals(tree("{\"thinking\":false}"), body.path("chat_template_kwargs"));
    assertEquals("Baton tests", request.getHeaders().get("X-Title"));
  }

  @Test
  void toolFieldsAreSentOnlyWithToolsAndANamedChoiceForcesThatFunction() throws Exception {
    ModelSettings settings = ModelSettings.builder().toolChoice("ping").parallelToolCalls(true)
        .build();

    assertFalse(body(send(settings, false)).has("tool_choice"));
    JsonNode withTools = body(send(settings, true));

    assertEquals(tree("{\"type\":\"function\",\"function\":{\"name\":\"ping\"}}"),
        withTools.path("tool_choice"));
    assertTrue(withTools.path("parallel_tool_calls").asBoolean());
  }

  @Test
  void theTokenLimitFieldFollowsTheServer() {
    assertEquals("max_completion_tokens", OpenAiModel.builder().apiKey("k").build().dialect()
        .tokenLimitField());
    assertEquals("max_completion_tokens", OpenAiModel.builder()
        .baseUrl("https://example.openai.azure.com/openai/v1").build().dialect().tokenLimitField());
    assertEquals("max_tokens", model.dialect().tokenLimitField());
    assertEquals("max_completion_tokens",
        model.newBuilder().tokenLimitField("max_completion_tokens").build().dialect()
            .tokenLimitField());
  }

  @Test
  void agentSettingsBeatRunSettingsWhichBeatTheClientDefaults() throws Exception {
    OpenAiModel original = model;
    model = original.newBuilder().defaults(ModelSettings.builder().temperature(1.0).seed(1L)
        .topP(0.5).extraHeader("X-Client", "default").build()).build();
    try {
      AgentGraph graph = AgentGraph.builder("Pair")
          .llmAgent("writer", a -> a.instructions("Write.").input("topic", String.class)
              .tool(new ToolSpec("ping", "Pings.", NO_PARAMETERS, false, "t.Ping")))
          .build();
      RunOptions options = RunOptions.builder()
          .modelSettings(ModelSettings.builder().temperature(0.5).seed(2L).build())
          .agentModelSettings("writer", ModelSettings.builder().temperature(0.0).build())
          .build();
      server.enqueue(json(completion("done")));

      Orchestrator.builder(graph).model(model).options(options)
          .tools("t.Ping", (tool, arguments, context) -> "pong").build().start("writer", "x").await();
      RecordedRequest request = server.takeRequest();
      JsonNode body = body(request);

      assertEquals(0.0, body.path("temperature").asDouble(), "the agent's");
      assertEquals(2, body.path("seed").asLong(), "the run's");
      assertEquals(0.5, body.path("top_p").asDouble(), "the client's");
      assertEquals("default", request.getHeaders().get("X-Client"));
      assertFalse(body.has("parallel_tool_calls"));
    } finally {
      model = original;
    }
  }

  @Test
  void settingsLayerFieldByFieldAndRejectValuesOutOfRange() {
    ModelSettings base = ModelSettings.builder().temperature(1.0).stop("A")
        .extraBody("a", 1).extraBody("b", 2).build();
    ModelSettings top = ModelSettings.builder().maxTokens(10).extraBody("b", 3).build();

    ModelSettings merged = top.over(base);

    assertEquals(1.0, merged.temperature());
    assertEquals(10, merged.maxTokens());
    assertEquals(List.of("A"), merged.stop());
    assertEquals(Map.of("a", 1, "b", 3), merged.extraBody());
    assertThrows(IllegalArgumentException.class, () -> ModelSettings.builder().topP(1.5).build());
    assertThrows(IllegalArgumentException.class, () -> ModelSettings.builder().maxTokens(0).build());
    assertFalse(ModelSettings.builder().extraHeader("api-key", "sk-secret-value").build()
        .toString().contains("sk-secret-value"));
  }

  @Test
  void outOfRangeSettingsAreRejectedNamingTheField() {
    for (var bad : List.<Map.Entry<String, ModelSettings.Builder>>of(
        Map.entry("temperature", ModelSettings.builder().temperature(-0.5)),
        Map.entry("temperature", ModelSettings.builder().temperature(Double.NaN)),
        Map.entry("temperature", ModelSettings.builder().temperature(Double.POSITIVE_INFINITY)),
        Map.entry("topP", ModelSettings.builder().topP(1.5)),
        Map.entry("topP", ModelSettings.builder().topP(Double.NaN)),
        Map.entry("maxTokens", ModelSettings.builder().maxTokens(0)))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> bad.getValue().build());
      assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
    }
  }
}
