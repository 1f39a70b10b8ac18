package dev.baton.bench;

import java.util.Arrays;

/** Order statistics of samples in nanoseconds. */
final class Stats {
  private final long[] sorted;

  private Stats(long[] sorted) {
    this.sorted = sorted;
  }

  /** Statistics of {@code samples[0..count)}; the array is not changed. */
  static Stats of(long[] samples, int count) {
    if (count == 0) {
      throw new IllegalArgumentException("no samples");
    }
    long[] copy = Arrays.copyOf(samples, count);
    Arrays.sort(copy);
    return new Stats(copy);
  }

  static Stats of(long[] samples) {
    return of(samples, samples.length);
  }

  /** The nearest-rank percentile, {@code p} in (0, 100]. */
  long percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  long median() {
    return percentile(50);
  }

  long p99() {
    return percentile(99);
  }

  double mean() {
    double sum = 0;
    for (long v : sorted) {
      sum += v;
    }
    return sum / sorted.length;
  }

  int count() {
    return sorted.length;
  }

  static double micros(double nanos) {
    return nanos / 1_000.0;
  }

  static double millis(double nanos) {
    return nanos / 1_000_000.0;
  }
}
