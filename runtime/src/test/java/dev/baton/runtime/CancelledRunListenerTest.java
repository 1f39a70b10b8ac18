package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.graph.AgentGraph;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cancelled run's listener still sees every event to the last one: the cancel's interrupt is
 * meant for the run's work, not for the wait that lets the listener drain.
 */
@ExtendWith(NoRunThreadsLeft.class)
class CancelledRunListenerTest {
  @Test
  void theListenerOfACancelledRunSeesRunFailed() throws Exception {
    AgentGraph graph = AgentGraph.builder("Slow")
        .llmAgent("slow", a -> a.instructions("Slow.").input("q", String.class)).build();
    for (int i = 0; i < 50; i++) {
      CountDownLatch called = new CountDownLatch(1);
      List<RunEvent> seen = new CopyOnWriteArrayList<>();
      // A listener with a little work per event falls behind the run, as real ones do.
      RunListener listener = event -> {
        seen.add(event);
        String.valueOf(event).hashCode();
      };
      Orchestrator o = Orchestrator.builder(graph)
          .model((request, l) -> {
            called.countDown();
            new CountDownLatch(1).await(); // until the run is cancelled
            throw new AssertionError("not interrupted");
          })
          .options(RunOptions.builder().listener(listener).build()).build();
      Run<Object> run = o.start("slow", "?");
      called.await();
      run.cancel();
      assertThrows(RunCancelledException.class, run::await);
      assertInstanceOf(RunEvent.RunFailed.class, seen.get(seen.size() - 1), "run " + i + ": " + seen);
    }
  }
}
