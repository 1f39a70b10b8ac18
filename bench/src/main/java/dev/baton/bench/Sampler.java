package dev.baton.bench;

import java.util.Arrays;

/**
 * Times single operations: warm-up, then rounds that alternate the measured operation with its
 * baseline, so that drift of the machine (other builds, frequency changes) hits both alike.
 */
final class Sampler {
  /** An operation to time. */
  @FunctionalInterface
  interface Op {
    Object run() throws Exception;
  }

  /**
   * Samples of one operation and of its baseline, in nanoseconds per call, with the lowest and
   * highest median of a single round of the measured operation (how much the machine drifted).
   */
  record Paired(Stats measured, Stats baseline, long roundMedianMin, long roundMedianMax) {}

  // Results land here so that the JIT cannot drop the calls that produce them.
  static volatile Object sink;

  private Sampler() {}

  /**
   * Runs {@code warmup} calls of each, then {@code rounds} rounds of {@code perRound} calls of
   * each, alternating.
   */
  static Paired paired(Op measured, Op baseline, int warmup, int rounds, int perRound)
      throws Exception {
    sample(measured, new long[warmup], 0, warmup);
    sample(baseline, new long[warmup], 0, warmup);
    long[] m = new long[rounds * perRound];
    long[] b = new long[rounds * perRound];
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int r = 0; r < rounds; r++) {
      sample(baseline, b, r * perRound, perRound);
      sample(measured, m, r * perRound, perRound);
      long median = Stats.of(Arrays.copyOfRange(m, r * perRound, (r + 1) * perRound))
          .median();
      min = Math.min(min, median);
      max = Math.max(max, median);
    }
    return new Paired(Stats.of(m), Stats.of(b), min, max);
  }

  private static void sample(Op op, long[] into, int from, int count) throws Exception {
    Object last = null;
    for (int i = from; i < from + count; i++) {
      long t0 = System.nanoTime();
      last = op.run();
      into[i] = System.nanoTime() - t0;
    }
    sink = last;
  }
}
