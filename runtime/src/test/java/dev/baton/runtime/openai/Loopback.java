package dev.baton.runtime.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.UserMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Builders for loopback tests: requests, wire payloads in the real format, and a model. */
final class Loopback {
  static final String KEY = "sk-test-0123456789abcdefghijklmnop";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Loopback() {}

  /** A model pointed at the server, with tiny exact backoff and waits recorded, not spent. */
  static OpenAiModel.Builder model(MockWebServer server, RecordingSleeper sleeper) {
    return OpenAiModel.builder()
        .baseUrl(server.url("/v1").toString())
        .apiKey(KEY)
        .model("test-model")
        .attemptTimeout(Duration.ofSeconds(20))
        .retryPolicy(RetryPolicy.builder()
            .maxAttempts(4)
            .baseDelay(Duration.ofMillis(1))
            .maxDelay(Duration.ofMillis(8))
            .jitter(0)
            .build())
        .sleeper(sleeper);
  }

  static ModelRequest request(String userText) {
    return request(List.of(new UserMessage(userText)));
  }

  static ModelRequest request(List<Message> messages) {
    return new ModelRequest("run-1", "desk", "desk", "", messages, List.of(), null);
  }

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A complete {@code chat.completion} with a text answer. */
  static String completion(String text) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"test-model",
         "choices":[{"index":0,"message":{"role":"assistant","content":%s},
                     "finish_reason":"stop"}],
         "usage":{"prompt_tokens":11,"completion_tokens":3,"total_tokens":14}}
        """.formatted(MAPPER.valueToTree(text).toString());
  }

  /** A {@code chat.completion.chunk} carrying one delta of the first choice. */
  static String chunk(String deltaJson) {
    return chunk(deltaJson, null);
  }

  /** A chunk with a delta and a finish reason (null for none). */
  static String chunk(String deltaJson, String finishReason) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"test-model",\
        "choices":[{"index":0,"delta":%s,"finish_reason":%s}]}"""
        .formatted(deltaJson, finishReason == null ? "null" : '"' + finishReason + '"');
  }

  /** A text delta chunk. */
  static String textChunk(String text) {
    return chunk("{\"content\":" + MAPPER.valueToTree(text) + "}");
  }

  /** The final usage chunk that {@code include_usage} asks for: no choices. */
  static String usageChunk(long prompt, long completion) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"test-model",\
        "choices":[],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
        .formatted(prompt, completion, prompt + completion);
  }

  /** Server-sent events, one per payload, without the closing {@code [DONE]}. */
  static String eventsWithoutDone(String... payloads) {
    StringBuilder body = new StringBuilder();
    for (String payload : payloads) {
      body.append("data: ").append(payload).append("\n\n");
    }
    return body.toString();
  }

  /** Server-sent events, one per payload, then {@code [DONE]}. */
  static String events(String... payloads) {
    return eventsWithoutDone(payloads) + "data: [DONE]\n\n";
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse json(String body) {
    return json(200, body);
  }

  static MockResponse sse(String body) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "text/event-stream")
        .body(body)
        .build();
  }

  /** Records the waits between attempts instead of sleeping them. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }
  }
}
