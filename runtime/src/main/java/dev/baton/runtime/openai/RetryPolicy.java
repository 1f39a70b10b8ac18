package dev.baton.runtime.openai;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often {@link OpenAiModel} retries a failed attempt.
 *
 * <p>Transient failures are retried: HTTP 408, 409, 429 and 5xx, connection failures, per-attempt
 * timeouts, and streams that break before any text reached the listener. The wait before retry
 * {@code n} (the second attempt is retry 1) is {@code baseDelay * 2^(n-1)}, capped at {@code
 * maxDelay}, reduced by a random fraction of at most {@code jitter} so that many clients rejected
 * together do not return together. A server's {@code Retry-After} or {@code retry-after-ms}
 * header replaces that computed wait, capped at {@code maxRetryAfter}. No retry starts once
 * {@code maxTotalTime} would be exceeded, and the last attempt's timeout is shortened to fit.
 *
 * <p>Immutable and thread-safe. Create one with {@link #builder()}; derive variants with {@link
 * #newBuilder()}.
 */
public final class RetryPolicy {
  /**
   * The default: 3 attempts, 0.5 s doubling up to 8 s, 20 % jitter, a server-requested wait of at
   * most 60 s, at most 15 minutes in all.
   */
  public static final RetryPolicy DEFAULT = builder().build();

  /** One attempt, never retried. */
  public static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final double jitter;
  private final Duration maxRetryAfter;
  private final Duration maxTotalTime;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.baseDelay = builder.baseDelay;
    this.maxDelay = builder.maxDelay;
    this.jitter = builder.jitter;
    this.maxRetryAfter = builder.maxRetryAfter;
    this.maxTotalTime = builder.maxTotalTime;
  }

  /**
   * A builder holding the defaults of {@link #DEFAULT}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this policy's settings.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** The most attempts made for one request, the first included; at least 1. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait before the first retry, before jitter. */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** The longest computed wait between attempts. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** The largest fraction, in [0, 1], by which a computed wait is randomly shortened. */
  public double jitter() {
    return jitter;
  }

  /** The longest server-requested wait ({@code Retry-After}) that is honoured as is. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** The longest time one request may take, attempts and waits included. */
  public Duration maxTotalTime() {
    return maxTotalTime;
  }

  /**
   * The wait before a retry.
   *
   * @param retry which retry this is: 1 before the second attempt, 2 before the third, ...
   * @param serverRequested the wait the server asked for, or null if it asked for none
   * @param random a number in [0, 1) that picks the jitter
   * @return how long to wait
   */
  Duration delayBefore(int retry, Duration serverRequested, double random) {
    if (serverRequested != null) {
      // The server knows its own load better than any formula; trust it, within reason.
      return serverRequested.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : serverRequested;
    }
    // Shift with a guard so that a large retry count cannot overflow into a negative delay.
    long base = baseDelay.toNanos();
    long exponential = retry - 1 >= 62 || base > (Long.MAX_VALUE >> (retry - 1))
        ? Long.MAX_VALUE
        : base << (retry - 1);
    long capped = Math.min(exponential, maxDelay.toNanos());
    return Duration.ofNanos((long) (capped * (1 - jitter * random)));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay
        + ", maxDelay=" + maxDelay + ", jitter=" + jitter + ", maxRetryAfter=" + maxRetryAfter
        + ", maxTotalTime=" + maxTotalTime + "}";
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe; the policies it builds are. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration baseDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(8);
    private double jitter = 0.2;
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Duration maxTotalTime = Duration.ofMinutes(15);

    private Builder() {}

    private Builder(RetryPolicy policy) {
      this.maxAttempts = policy.maxAttempts;
      this.baseDelay = policy.baseDelay;
      this.maxDelay = policy.maxDelay;
      this.jitter = policy.jitter;
      this.maxRetryAfter = policy.maxRetryAfter;
      this.maxTotalTime = policy.maxTotalTime;
    }

    /**
     * Sets the most attempts for one request, the first included.
     *
     * @param maxAttempts at least 1; 1 means no retries
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the wait before the first retry; later waits double.
     *
     * @param baseDelay zero or positive
     * @return this builder
     */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = nonNegative(baseDelay, "baseDelay");
      return this;
    }

    /**
     * Sets the longest computed wait between attempts.
     *
     * @param maxDelay zero or positive
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = nonNegative(maxDelay, "maxDelay");
      return this;
    }

    /**
     * Sets the largest fraction by which a computed wait is randomly shortened.
     *
     * @param jitter in [0, 1]; 0 makes waits exact
     * @return this builder
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets the longest server-requested wait honoured; longer requests are cut to it.
     *
     * @param maxRetryAfter zero or positive
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Sets the longest time one request may take, all attempts and waits included.
     *
     * @param maxTotalTime positive
     * @return this builder
     */
    public Builder maxTotalTime(Duration maxTotalTime) {
      nonNegative(maxTotalTime, "maxTotalTime");
      if (maxTotalTime.isZero()) {
        throw new IllegalArgumentException("maxTotalTime must be positive");
      }
      this.maxTotalTime = maxTotalTime;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + duration);
      }
      return duration;
    }
  }
}
