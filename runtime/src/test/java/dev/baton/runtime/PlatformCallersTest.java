package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Results;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Blocking calls wait on their callers' platform threads, which poll a wait's condition before
 * they park: many such callers at once on a small machine, and a caller interrupted while its
 * fan-out's other branches finish, behave as a parked caller does.
 */
@ExtendWith(NoRunThreadsLeft.class)
class PlatformCallersTest {
  private static final int CALLERS = Integer.getInteger("baton.stress.platformCallers", 50);
  private static final int CALLS = Integer.getInteger("baton.stress.platformCalls", 10);

  @Test
  void fiftyPlatformCallersEachRunningFanOutsAtOnceAllGetTheirResults() throws Exception {
    ScriptedModel model = ScriptedModel.builder()
        .fallback(r -> ModelResponse.text(r.agent() + " ok")).build();
    // Without a deadline the entry and the last branch run on the caller; with one, the caller
    // only waits for the run's end.
    for (boolean deadline : new boolean[] {false, true}) {
      RunOptions.Builder options = RunOptions.builder();
      if (deadline) {
        options.deadline(Duration.ofMinutes(10));
      }
      Orchestrator o = Orchestrator.builder(FanOutTest.review("", false, 0)).model(model)
          .options(options.build()).build();
      CyclicBarrier start = new CyclicBarrier(CALLERS);
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      List<Thread> callers = new java.util.ArrayList<>();
      for (int c = 0; c < CALLERS; c++) {
        callers.add(Thread.ofPlatform().name("caller-" + c).start(() -> {
          try {
            start.await();
            for (int i = 0; i < CALLS; i++) {
              Results<String> r = o.call("review", "diff");
              assertEquals(Map.of("security", "security ok", "style", "style ok",
                  "tests", "tests ok"), r.successes());
            }
            assertTrue(!Thread.currentThread().isInterrupted(), "an interrupt was left set");
          } catch (Throwable t) {
            failures.add(t);
          }
        }));
      }
      for (Thread t : callers) {
        t.join();
      }
      assertEquals(List.of(), failures, "deadline " + deadline);
    }
  }

  @Test
  void aCallerInterruptedWhileItWaitsForItsFanOutsOtherBranchesGetsTheRunCancelled()
      throws Exception {
    // "tests", the last branch, runs on the caller; "security" interrupts the caller once that
    // branch has answered, i.e. while the caller polls or has parked waiting for the others, after
    // a random 0 to 20 µs so that rounds hit both. It answers only when the run interrupts it: the
    // fan-out cannot end before the caller's wait has seen the interrupt.
    for (int round = 0; round < 30; round++) {
      AtomicReference<Thread> caller = new AtomicReference<>();
      CountDownLatch lastAnswered = new CountDownLatch(1);
      ScriptedModel model = ScriptedModel.builder().fallback(r -> {
        switch (r.agent()) {
          case "tests" -> lastAnswered.countDown();
          case "security" -> {
            try {
              lastAnswered.await();
              long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(20_000);
              while (System.nanoTime() - until < 0) {
                Thread.onSpinWait();
              }
              caller.get().interrupt();
              new CountDownLatch(1).await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          default -> { }
        }
        return ModelResponse.text("done");
      }).build();
      Orchestrator o = Orchestrator.builder(FanOutTest.review("", false, 0)).model(model).build();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicBoolean flag = new AtomicBoolean();
      Thread t = Thread.ofPlatform().unstarted(() -> {
        try {
          o.call("review", "d");
        } catch (Throwable e) {
          thrown.set(e);
        }
        flag.set(Thread.currentThread().isInterrupted());
      });
      caller.set(t);
      t.start();
      t.join();
      assertInstanceOf(RunCancelledException.class, thrown.get(), "round " + round);
      assertTrue(flag.get(), "round " + round + ": the caller's interrupt flag is kept");
    }
  }
}
