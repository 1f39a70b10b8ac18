package dev.baton.runtime.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Backoff arithmetic and {@code Retry-After} parsing, without a server. */
class RetryPolicyTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

  private final RetryPolicy exact = RetryPolicy.builder()
      .baseDelay(Duration.ofMillis(100))
      .maxDelay(Duration.ofMillis(1000))
      .jitter(0)
      .build();

  @Test
  void computedWaitsDoubleUpToTheMaximum() {
    assertEquals(Duration.ofMillis(100), exact.delayBefore(1, null, 0.5));
    assertEquals(Duration.ofMillis(200), exact.delayBefore(2, null, 0.5));
    assertEquals(Duration.ofMillis(800), exact.delayBefore(4, null, 0.5));
    assertEquals(Duration.ofMillis(1000), exact.delayBefore(5, null, 0.5));
    assertEquals(Duration.ofMillis(1000), exact.delayBefore(500, null, 0.5));
  }

  @Test
  void jitterShortensWaitsByAtMostItsFraction() {
    RetryPolicy jittered = exact.newBuilder().jitter(0.5).build();
    assertEquals(Duration.ofMillis(200), jittered.delayBefore(2, null, 0));
    assertEquals(Duration.ofMillis(150), jittered.delayBefore(2, null, 0.5));
    Duration shortest = jittered.delayBefore(2, null, 0.999_999);
    assertTrue(shortest.compareTo(Duration.ofMillis(100)) >= 0, shortest.toString());
  }

  @Test
  void serverRequestedWaitsReplaceTheFormulaUpToTheirCap() {
    assertEquals(Duration.ofSeconds(3), exact.delayBefore(1, Duration.ofSeconds(3), 0.5));
    assertEquals(Duration.ZERO, exact.delayBefore(3, Duration.ZERO, 0.5));
    assertEquals(Duration.ofSeconds(60), exact.delayBefore(1, Duration.ofHours(2), 0.5));
  }

  @Test
  void builderRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(0));
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().jitter(1.5));
    assertThrows(IllegalArgumentException.class,
        () -> RetryPolicy.builder().baseDelay(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class,
        () -> RetryPolicy.builder().maxTotalTime(Duration.ZERO));
    assertEquals(1, RetryPolicy.NONE.maxAttempts());
    assertEquals(3, RetryPolicy.DEFAULT.maxAttempts());
  }

  @Test
  void retryAfterParsesSecondsMillisecondsAndDates() {
    assertEquals(Duration.ofSeconds(2), RetryAfter.parse(Headers.of("Retry-After", "2"), CLOCK));
    assertEquals(Duration.ofMillis(1500),
        RetryAfter.parse(Headers.of("Retry-After", "1.5"), CLOCK));
    assertEquals(Duration.ofMillis(20),
        RetryAfter.parse(Headers.of("retry-after-ms", "20", "Retry-After", "9"), CLOCK));
    assertEquals(Duration.ofSeconds(60), RetryAfter.parse(
        Headers.of("Retry-After", "Wed, 21 Oct 2015 07:29:00 GMT"), CLOCK));
    assertEquals(Duration.ZERO, RetryAfter.parse(
        Headers.of("Retry-After", "Wed, 21 Oct 2015 07:00:00 GMT"), CLOCK));
  }

  @Test
  void unreadableOrMissingRetryAfterMeansNone() {
    assertNull(RetryAfter.parse(Headers.of(), CLOCK));
    assertNull(RetryAfter.parse(Headers.of("Retry-After", "soon"), CLOCK));
    assertNull(RetryAfter.parse(Headers.of("Retry-After", "-3"), CLOCK));
    assertEquals(Duration.ofSeconds(4),
        RetryAfter.parse(Headers.of("retry-after-ms", "NaN", "Retry-After", "4"), CLOCK));
  }
}
