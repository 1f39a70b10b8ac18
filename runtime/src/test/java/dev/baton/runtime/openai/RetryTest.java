package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.json;
import static dev.baton.runtime.openai.Loopback.request;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures are retried, how long between attempts, and what is reported at the end. */
class RetryTest extends LoopbackTest {

  private ModelResponse respond() throws InterruptedException {
    return model.respond(request("hi"), ModelListener.NONE);
  }

  private static MockResponse error(int code, String message) {
    return json(code, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"x\"}}");
  }

  private static MockResponse answer() {
    return sse(events(textChunk("done")));
  }

  @Test
  void rateLimitHonoursRetryAfterSecondsThenSucceeds() throws Exception {
    server.enqueue(new MockResponse.Builder(error(429, "slow down"))
        .setHeader("Retry-After", "1").build());
    server.enqueue(answer());

    assertEquals("done", respond().text());
    assertEquals(List.of(Duration.ofSeconds(1)), sleeper.waits);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void retryAfterMillisecondsWinsOverRetryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder(error(429, "slow down"))
        .setHeader("retry-after-ms", "250")
        .setHeader("Retry-After", "7")
        .build());
    server.enqueue(answer());

    respond();

    assertEquals(List.of(Duration.ofMillis(250)), sleeper.waits);
  }

  @Test
  void retryAfterAsAnHttpDateIsMeasuredAgainstTheClock() throws Exception {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    OpenAiModel clocked =
        model.newBuilder().clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    server.enqueue(new MockResponse.Builder(error(503, "busy"))
        .setHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME
            .format(now.plusSeconds(5).atOffset(ZoneOffset.UTC)))
        .build());
    server.enqueue(answer());

    clocked.respond(request("hi"), ModelListener.NONE);

    assertEquals(List.of(Duration.ofSeconds(5)), sleeper.waits);
  }

  @Test
  void retryAfterBeyondTheCapWaitsOnlyTheCap() throws Exception {
    OpenAiModel capped = model.newBuilder()
        .retryPolicy(model.retryPolicy().newBuilder().maxRetryAfter(Duration.ofSeconds(2)).build())
        .build();
    server.enqueue(new MockResponse.Builder(error(429, "slow down"))
        .setHeader("Retry-After", "120").build());
    server.enqueue(answer());

    capped.respond(request("hi"), ModelListener.NONE);

    assertEquals(List.of(Duration.ofSeconds(2)), sleeper.waits);
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackoffThenSucceed() throws Exception {
    server.enqueue(error(500, "internal"));
    server.enqueue(json(502, "{}"));
    server.enqueue(new MockResponse.Builder().code(503).body("Service Unavailable").build());
    server.enqueue(answer());

    assertEquals("done", respond().text());
    assertEquals(4, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4)),
        sleeper.waits);
  }

  @Test
  void exhaustedRetriesReportTheLastStatusAttemptsAndServerMessage() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(error(503, "overloaded, try later"));
    }
    server.enqueue(answer());

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertEquals(503, e.status());
    assertEquals(4, e.attempts());
    assertTrue(e.isTransient());
    assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 503: overloaded, try later"), e.getMessage());
    assertTrue(e.getMessage().contains("retries exhausted"), e.getMessage());
    assertEquals(4, server.getRequestCount());
    assertEquals(3, sleeper.waits.size());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void clientErrorsAreNotRetried(int status) {
    server.enqueue(error(status, "you did something wrong"));
    server.enqueue(answer());

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertEquals(status, e.status());
    assertEquals(1, e.attempts());
    assertTrue(e.getMessage().contains("HTTP " + status + ": you did something wrong"),
        e.getMessage());
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of(), sleeper.waits);
  }

  @Test
  void unauthorizedSaysWhatToCheck() {
    server.enqueue(error(401, "Incorrect API key provided"));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
  }

  @Test
  void notFoundNamesTheModel() {
    server.enqueue(json(404, "{\"error\":\"model 'test-model' not found\"}"));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("model 'test-model' not found"), e.getMessage());
    assertTrue(e.getMessage().contains("OPENAI_BASE_URL"), e.getMessage());
  }

  @Test
  void connectionClosedAsSoonAsAcceptedIsRetried() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .onRequestStart(new SocketEffect.CloseSocket())
        .build());
    server.enqueue(answer());

    assertEquals("done", respond().text());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void connectionResetBeforeHeadersIsRetried() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .onResponseStart(new SocketEffect.CloseSocket(true, false, false))
        .build());
    server.enqueue(answer());

    assertEquals("done", respond().text());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void nothingListeningFailsWithStatusZeroAfterEveryAttempt() throws Exception {
    MockWebServer gone = new MockWebServer();
    gone.start();
    String url = gone.url("/v1").toString();
    gone.close();
    OpenAiModel unreachable = model.newBuilder().baseUrl(url).build();

    ModelCallException e = assertThrows(ModelCallException.class,
        () -> unreachable.respond(request("hi"), ModelListener.NONE));

    assertEquals(0, e.status());
    assertEquals(4, e.attempts());
    assertTrue(e.isTransient());
    assertTrue(e.getMessage().contains("connection failed"), e.getMessage());
    assertTrue(e.getCause() instanceof java.io.IOException, String.valueOf(e.getCause()));
  }

  @Test
  void aRetryThatWouldExceedTheTotalTimeIsNotMade() {
    OpenAiModel bounded = model.newBuilder()
        .retryPolicy(model.retryPolicy().newBuilder().maxTotalTime(Duration.ofSeconds(5)).build())
        .build();
    server.enqueue(new MockResponse.Builder(error(429, "slow down"))
        .setHeader("Retry-After", "30").build());
    server.enqueue(answer());

    ModelCallException e = assertThrows(ModelCallException.class,
        () -> bounded.respond(request("hi"), ModelListener.NONE));

    assertEquals(429, e.status());
    assertEquals(1, e.attempts());
    assertTrue(e.getMessage().contains("maxTotalTime"), e.getMessage());
    assertEquals(List.of(), sleeper.waits);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void singleAttemptPolicyNeverRetries() {
    OpenAiModel once = model.newBuilder().retryPolicy(RetryPolicy.NONE).build();
    server.enqueue(error(503, "busy"));
    server.enqueue(answer());

    ModelCallException e = assertThrows(ModelCallException.class,
        () -> once.respond(request("hi"), ModelListener.NONE));

    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
  }
}
