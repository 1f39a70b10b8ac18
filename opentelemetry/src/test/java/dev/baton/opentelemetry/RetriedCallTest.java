package dev.baton.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.openai.OpenAiModel;
import dev.baton.runtime.openai.RetryPolicy;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A call rate limited once and then answered, over the real wire format: one chat span with two
 * attempts, and the API key (which the server echoes back) in no span, event or metric.
 */
class RetriedCallTest {
  private static final String CANARY = "sk-canary-0c4e8a2f6b1d3957";

  @Test
  void aRetriedCallIsOneChatSpanWithTwoAttemptsAndNoKey() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
    AtomicInteger requests = new AtomicInteger();
    try (MockWebServer server = new MockWebServer();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          if (requests.incrementAndGet() == 1) {
            return new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Too many requests for " + CANARY + "\"}}").build();
          }
          return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(
              "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"m-2026\","
                  + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}\n\n"
                  + "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"m-2026\","
                  + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1}}\n\n"
                  + "data: [DONE]\n\n").build();
        }
      });
      server.start();
      AgentGraph graph = AgentGraph.builder("Greeter")
          .llmAgent("greet", a -> a.instructions("Greet.").model("m").input("name", String.class)).build();
      try (OpenAiModel model = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).apiKey(CANARY)
          .retryPolicy(RetryPolicy.builder().baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(1))
              .build()).build()) {
        Run<Object> run = Orchestrator.builder(graph).model(model)
            .options(BatonTelemetry.builder(sdk).captureContent(true).build().install(RunOptions.defaults()))
            .build().start("greet", "Ada");
        assertEquals("hi", run.await());
      }

      List<SpanData> chats = spans.getFinishedSpanItems().stream()
          .filter(s -> s.getKind() == SpanKind.CLIENT).toList();
      assertEquals(1, chats.size());
      SpanData chat = chats.get(0);
      assertEquals("chat m", chat.getName());
      assertEquals(2L, chat.getAttributes().get(AttributeKey.longKey("baton.model.attempts")));
      assertEquals("chatcmpl-9", chat.getAttributes().get(AttributeKey.stringKey("gen_ai.response.id")));
      List<EventData> retries = chat.getEvents().stream()
          .filter(e -> e.getName().equals("baton.model.retry")).toList();
      assertEquals(1, retries.size());
      assertEquals(2L, retries.get(0).getAttributes().get(AttributeKey.longKey("baton.model.attempt")));
      String reason = retries.get(0).getAttributes().get(AttributeKey.stringKey("baton.model.retry_reason"));
      assertTrue(reason.startsWith("HTTP 429"), reason);

      String everything = spans.getFinishedSpanItems().toString() + metrics.collectAllMetrics();
      assertTrue(everything.contains("Too many requests"), "the server's message is kept, scrubbed");
      assertFalse(everything.contains(CANARY), everything);
    }
  }
}
