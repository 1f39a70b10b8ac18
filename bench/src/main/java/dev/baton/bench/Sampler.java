package dev.baton.bench;

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

  /** Samples of one operation and of its baseline, in nanoseconds per call. */
  record Paired(Stats measured, Stats baseline) {}

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
    for (int r = 0; r < rounds; r++) {
      sample(baseline, b, r * perRound, perRound);
      sample(measured, m, r * perRound, perRound);
    }
    return new Paired(Stats.of(m), Stats.of(b));
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
