package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * On Temporal a branch frees its {@code maxConcurrency} slot when its workflow thread ends, as on
 * virtual threads: every branch runs, and never more at once than the bound.
 */
class SlotsOnTemporalTest {
  @Test
  void slotsAreFreedAsBranchesEndAndTheBoundHolds() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    // Two calls meet at the barrier before either answers: a bound of 2 lets exactly pairs through,
    // a broken bound lets a third in before the pair leaves, and a slot never freed leaves a call
    // without a partner.
    CyclicBarrier pair = new CyclicBarrier(2);
    ScriptedModel model = ScriptedModel.builder().fallback(r -> {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        pair.await(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("no partner arrived", e);
      } finally {
        inFlight.decrementAndGet();
      }
      return ModelResponse.text(r.path());
    }).build();
    try (Harness h = new Harness()) {
      h.register(SlotsRunner.builder().model(model).build()).start();

      // Bounded: a slot never freed would leave this fan-out (no timeout) waiting for ever.
      Results<String> pairs = h.client(Slots.class).start(s -> s.pairs("t"))
          .await(Duration.ofSeconds(60));
      assertEquals(Map.of("a", "pairs/a", "b", "pairs/b", "c", "pairs/c", "d", "pairs/d"),
          pairs.successes());
      assertEquals(2, peak.get());

      peak.set(0);
      Results<String> each = h.client(Slots.class).start(s -> s.twoByTwo(List.of("w", "x", "y",
          "z"))).await(Duration.ofSeconds(60));
      assertEquals(List.of("twoByTwo/one[0]", "twoByTwo/one[1]", "twoByTwo/one[2]",
          "twoByTwo/one[3]"), each.stream().map(o -> ((Outcome.Success<String>) o).value())
          .toList());
      assertEquals(2, peak.get());
      assertEquals(8, model.callCount());
    }
  }
}
