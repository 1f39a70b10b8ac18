package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A blocking call runs on its caller's thread when it has no deadline, and a fan-out runs its last
 * branch on the forking thread; to whoever calls, that must look exactly like a call whose entry
 * runs on a task of the run. Interrupting the caller (before or during the call) cancels the run:
 * {@code RunCancelledException}, the interrupt flag kept, the run ends {@code CANCELLED} in its
 * events and its journal.
 */
@ExtendWith(NoRunThreadsLeft.class)
class CallerThreadTest {
  private static AgentGraph single() {
    return AgentGraph.builder("One")
        .llmAgent("desk", a -> a.instructions("Help.").input("m", String.class)).build();
  }

  /** What a caller sees when interrupted before or while the model answers. */
  private record Seen(Throwable thrown, boolean flagAfter, RunEvent last, String endRecord) {}

  private static Seen call(boolean fork, boolean beforeCalling, boolean deadline)
      throws InterruptedException {
    CountDownLatch inModel = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder().fallback(r -> {
      inModel.countDown();
      if (!beforeCalling) {
        try {
          new CountDownLatch(1).await(); // answers only when interrupted
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return ModelResponse.text("late");
    }).build();
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    JournalStore store = JournalStore.inMemory();
    RunOptions.Builder options = RunOptions.builder().listener(events::add).journalStore(store);
    if (deadline) {
      options.deadline(Duration.ofMinutes(10)); // the entry then runs on a task of the run
    }
    Orchestrator o = Orchestrator.builder(fork ? FanOutTest.review("", false, 0) : single())
        .model(model).options(options.build()).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flag = new AtomicBoolean();
    Thread caller = Thread.ofPlatform().start(() -> {
      if (beforeCalling) {
        Thread.currentThread().interrupt();
      }
      try {
        o.call(fork ? "review" : "desk", "d");
      } catch (Throwable t) {
        thrown.set(t);
      }
      flag.set(Thread.currentThread().isInterrupted());
    });
    if (!beforeCalling) {
      inModel.await();
      caller.interrupt();
    }
    caller.join();
    String runId = events.get(0).runId();
    String end = store.load(runId).stream().filter(e -> e.key().equals(JournalStore.END_KEY))
        .map(JournalEntry::value).findFirst().orElse("none");
    return new Seen(thrown.get(), flag.get(), events.get(events.size() - 1), end);
  }

  @Test
  void interruptingTheCallerCancelsTheRunWhereverItsEntryRuns() throws Exception {
    for (boolean fork : new boolean[] {false, true}) {
      for (boolean before : new boolean[] {false, true}) {
        for (boolean deadline : new boolean[] {true, false}) {
          String what = (fork ? "fan-out" : "single agent") + (before ? ", interrupted before"
              : ", interrupted during") + (deadline ? ", with a deadline" : ", on the caller");
          Seen seen = call(fork, before, deadline);
          assertInstanceOf(RunCancelledException.class, seen.thrown(), what);
          assertTrue(seen.flagAfter(), what + ": the caller's interrupt flag is kept");
          RunEvent.RunFailed failed = assertInstanceOf(RunEvent.RunFailed.class, seen.last(), what);
          assertEquals(RunStatus.CANCELLED, failed.status(), what);
          assertTrue(seen.endRecord().contains("CANCELLED"), what + ": " + seen.endRecord());
        }
      }
    }
  }
}
