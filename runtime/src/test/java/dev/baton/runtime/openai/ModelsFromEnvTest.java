package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.request;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.Models;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** {@link Models#fromEnv(Map)} and {@link Models#fromEnvOr(Map, Model)}. */
class ModelsFromEnvTest {
  private static final Model OFFLINE = (request, listener) -> ModelResponse.text("offline");

  @Test
  void keyAloneMeansOpenAiWithTheDefaultModel() {
    try (OpenAiModel model = Models.fromEnv(Map.of("OPENAI_API_KEY", "sk-x-123456"))) {
      assertEquals(OpenAiModel.DEFAULT_BASE_URL, model.baseUrl());
      assertEquals("gpt-4.1-mini", model.model());
      assertTrue(model.toString().contains("apiKey=(set)"), model.toString());
    }
  }

  @Test
  void baseUrlAloneIsEnoughForAServerWithoutAKey() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(sse(events(textChunk("local"))));
      try (OpenAiModel model = Models.fromEnv(Map.of(
          "OPENAI_BASE_URL", server.url("/v1").toString(),
          "BATON_MODEL", "llama3.2"))) {

        assertEquals("local", model.respond(request("hi"), ModelListener.NONE).text());

        RecordedRequest recorded = server.takeRequest();
        assertNull(recorded.getHeaders().get("Authorization"));
        assertEquals("llama3.2", Loopback.tree(recorded.getBody().utf8()).get("model").asText());
      }
    }
  }

  @Test
  void neitherVariableFailsNamingBoth() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Models.fromEnv(Map.of("BATON_MODEL", "gpt-4.1")));
    assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    assertTrue(e.getMessage().contains("OPENAI_BASE_URL"), e.getMessage());
  }

  @Test
  void blankValuesCountAsUnset() {
    assertThrows(IllegalStateException.class,
        () -> Models.fromEnv(Map.of("OPENAI_API_KEY", " ", "OPENAI_BASE_URL", "")));
    try (OpenAiModel model =
        Models.fromEnv(Map.of("OPENAI_API_KEY", "sk-x-123456", "BATON_MODEL", "  "))) {
      assertEquals("gpt-4.1-mini", model.model());
    }
  }

  @Test
  void fallbackIsUsedOnlyWhenNothingIsConfigured() {
    assertSame(OFFLINE, Models.fromEnvOr(Map.of(), OFFLINE));
    Model configured = Models.fromEnvOr(Map.of("OPENAI_API_KEY", "sk-x-123456"), OFFLINE);
    assertInstanceOf(OpenAiModel.class, configured);
    ((OpenAiModel) configured).close();
  }

  @Test
  void aBaseUrlThatIsNotAUrlIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Models.fromEnv(Map.of("OPENAI_BASE_URL", "localhost:11434")));
  }
}
