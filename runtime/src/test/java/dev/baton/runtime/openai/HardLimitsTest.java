package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.chunk;
import static dev.baton.runtime.openai.Loopback.completion;
import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.json;
import static dev.baton.runtime.openai.Loopback.request;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.AnswerTooLargeException;
import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.model.ModelListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

/**
 * Time and memory bounds whatever the server sends: the attempt timeout fires on time behind any
 * backlog, answers and bodies are bounded by a named limit, a body of another content type fails
 * at once, and an Error on OkHttp's thread still ends the call. Bounds are checked generously.
 */
class HardLimitsTest extends LoopbackTest {
  /** Generous slack on top of a timeout, for a loaded 2-core machine. */
  private static final Duration SLACK = Duration.ofSeconds(5);

  @Override
  OpenAiModel.Builder configure(OpenAiModel.Builder builder) {
    return builder.maxAnswerChars(1_000);
  }

  private ModelCallException failure() {
    return assertThrows(ModelCallException.class, () -> model.respond(request("hi"), d -> { }));
  }

  /** The answer-size failure: the same type the run's own limit raises, naming this setting. */
  private AnswerTooLargeException tooLarge() {
    AnswerTooLargeException e = assertThrows(AnswerTooLargeException.class,
        () -> model.respond(request("hi"), d -> { }));
    assertEquals("OpenAiModel.Builder.maxAnswerChars", e.setting());
    assertEquals(1_000, e.limit());
    assertEquals("desk", e.path());
    assertEquals(1, server.getRequestCount(), "an answer too large is not retried");
    return e;
  }

  private static long burn(long nanos) {
    long end = System.nanoTime() + nanos;
    long spins = 0;
    while (System.nanoTime() < end) {
      spins++;
    }
    return spins;
  }

  private void assertEndsOnTime(String eventData, ModelListener listener) throws Exception {
    Duration timeout = Duration.ofSeconds(1);
    try (EndlessServer endless = new EndlessServer(eventData);
        OpenAiModel endlessModel = OpenAiModel.builder().baseUrl(endless.baseUrl())
            .attemptTimeout(timeout).retryPolicy(RetryPolicy.NONE)
            .maxAnswerChars(Integer.MAX_VALUE).build()) {
      long start = System.nanoTime();
      ModelCallException e = assertThrows(ModelCallException.class,
          () -> endlessModel.respond(request("hi"), listener));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertTrue(e.getMessage().contains("attempt timeout"), e.getMessage());
      assertTrue(took.compareTo(timeout.plus(SLACK)) < 0, "took " + took);
    }
  }

  @Test
  void endlessStreamOfEmptyDeltasEndsAtTheAttemptTimeout() throws Exception {
    assertEndsOnTime(chunk("{\"content\":\"\"}"), delta -> { });
  }

  @Test
  void endlessStreamOfOneCharacterDeltasToASlowListenerEndsAtTheAttemptTimeout()
      throws Exception {
    AtomicLong work = new AtomicLong();
    // Each delta costs the listener half a millisecond: the server is far faster, so without
    // backpressure a backlog builds up that the timeout would wait behind.
    assertEndsOnTime(chunk("{\"content\":\"x\"}"), delta -> work.addAndGet(burn(500_000)));
  }

  @Test
  void streamedAnswerLongerThanTheLimitFailsNamingIt() {
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      chunks.add(textChunk("y".repeat(100)));
    }
    chunks.add(chunk("{}", "stop"));
    server.enqueue(sse(events(chunks.toArray(String[]::new))));

    AnswerTooLargeException e = tooLarge();

    assertTrue(e.getMessage().contains("limit of 1000 characters")
        && e.getMessage().contains("maxAnswerChars"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void plainAnswerLongerThanTheLimitFailsNamingItNotAsNotJson() {
    server.enqueue(json(completion("z".repeat(2_000))));

    AnswerTooLargeException e = tooLarge();

    assertTrue(e.getMessage().contains("limit of 1000 characters"), e.getMessage());
    assertFalse(e.getMessage().contains("not JSON"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void bodyLargerThanTheLimitIsNotReadWhole() {
    long limit = OpenAiModel.maxBodyBytes(1_000);
    server.enqueue(json("{\"padding\":\"" + " ".repeat((int) limit) + "\"}"));

    AnswerTooLargeException e = tooLarge();

    assertTrue(e.getMessage().contains("larger than the limit of " + limit + " bytes"),
        e.getMessage());
  }

  @Test
  void singleStreamEventLargerThanTheLimitFailsNamingIt() {
    long limit = OpenAiModel.maxBodyBytes(1_000);
    server.enqueue(sse("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + "w".repeat((int) limit) + "\"}}]}\n\n"));

    AnswerTooLargeException e = tooLarge();

    assertTrue(e.getMessage().contains("stream event is larger than the limit of " + limit),
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void plainAnswerWhoseTextAndToolArgumentsTogetherExceedTheLimitFails() {
    String arguments = "{\\\"note\\\":\\\"" + "a".repeat(600) + "\\\"}";
    server.enqueue(json("{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + "t".repeat(600) + "\","
        + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
        + "\"lookup\",\"arguments\":\"" + arguments + "\"}}]},\"finish_reason\":\"tool_calls\"}]}"));

    AnswerTooLargeException e = tooLarge();

    assertTrue(e.getMessage().contains("limit of 1000 characters"), e.getMessage());
  }

  @Test
  void answerAboveJacksonsDefaultStringLimitIsReadWhenTheLimitAllowsIt() throws Exception {
    String big = "b".repeat(21_000_000);
    server.enqueue(json(completion(big)));

    String text = model.newBuilder().maxAnswerChars(25_000_000).build()
        .respond(request("hi"), d -> { }).text();

    assertEquals(big.length(), text.length());
  }

  @Test
  void htmlAnsweredToAStreamRequestFailsAtOnceSayingWhatArrived() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8")
        .body("<html><body>Please log in to the hotel Wi-Fi</body></html>").build());
    server.enqueue(sse(events(textChunk("never"), chunk("{}", "stop"))));

    ModelCallException e = failure();

    assertTrue(e.getMessage().contains("text/html"), e.getMessage());
    assertTrue(e.getMessage().contains("hotel Wi-Fi"), e.getMessage());
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void errorOnOkHttpsThreadEndsTheCallWithATypedFailure() throws Exception {
    server.enqueue(sse(events(textChunk("hello"), chunk("{}", "stop"))));
    OkHttpClient failing = new OkHttpClient.Builder()
        .addNetworkInterceptor(chain -> {
          Response response = chain.proceed(chain.request());
          ResponseBody body = response.body();
          ForwardingSource exhausted = new ForwardingSource(body.source()) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
              throw new OutOfMemoryError("Java heap space (simulated)");
            }
          };
          return response.newBuilder()
              .body(ResponseBody.create(Okio.buffer(exhausted), body.contentType(), -1))
              .build();
        })
        .build();
    try (OpenAiModel onFailing = model.newBuilder().client(failing).build()) {
      long start = System.nanoTime();
      ModelCallException e = assertThrows(ModelCallException.class,
          () -> onFailing.respond(request("hi"), d -> { }));

      assertTrue(e.getMessage().contains("OutOfMemoryError"), e.getMessage());
      assertEquals(1, e.attempts(), "a JVM error is not retried");
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(SLACK) < 0);
    } finally {
      failing.dispatcher().executorService().shutdown();
      failing.connectionPool().evictAll();
    }
  }
}
