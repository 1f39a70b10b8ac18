package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.runtime.internal.exec.ManualTime;
import dev.baton.runtime.internal.exec.VirtualThreadExecution;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A model call cut off by its branch's timeout is reported as cut off by the timeout, after the
 * branch's outcome: a reader of the events (the OpenTelemetry span tree) must never take a timed-out
 * branch's call for a cancelled run. A {@link ManualTime} clock decides when the timeout passes;
 * latches decide when the other branches are done.
 */
@ExtendWith(NoRunThreadsLeft.class)
class AbandonedCallEventsTest {

  @Test
  void aCallCutOffByItsBranchTimeoutSaysSoAfterTheBranchOutcome() throws Exception {
    ManualTime time = new ManualTime();
    CountDownLatch styleInModel = new CountDownLatch(1);
    CountDownLatch othersDone = new CountDownLatch(2);
    Model model = (request, listener) -> {
      if (request.agent().equals("style")) {
        styleInModel.countDown();
        new CountDownLatch(1).await(); // answers only by being interrupted
        throw new AssertionError("not interrupted");
      }
      return ModelResponse.text(request.agent() + " fine");
    };
    RunOptions options = RunOptions.builder()
        .context(new VirtualThreadExecution(time))
        .listener(e -> {
          if (e instanceof RunEvent.BranchFinished b && b.outcome() instanceof Outcome.Success) {
            othersDone.countDown();
          }
        })
        .build();
    Run<Object> run = Orchestrator.builder(FanOutTest.review("30s", false, 0)).model(model)
        .options(options).build().start("review", "d");
    assertTrue(styleInModel.await(20, TimeUnit.SECONDS), "style is in its model call");
    assertTrue(othersDone.await(20, TimeUnit.SECONDS), "security and tests answered");

    time.advance(Duration.ofSeconds(31));
    Results<?> results = (Results<?>) run.await();

    assertEquals(List.of("style"), results.timedOut());
    List<RunEvent> events = run.events().toList();
    int outcome = indexOf(events, e -> e instanceof RunEvent.BranchFinished b
        && b.path().equals("review/style"));
    int call = indexOf(events, e -> e instanceof RunEvent.ModelCallFinished f
        && f.path().equals("review/style"));
    assertTrue(outcome >= 0 && call >= 0, () -> "events: " + events);
    assertTrue(outcome < call, () -> "the branch outcome comes first: " + events);
    RunEvent.ModelCallFinished abandoned = (RunEvent.ModelCallFinished) events.get(call);
    assertEquals("abandoned: its fan-out branch timed out after PT30S", abandoned.error());
    assertEquals(RunStatus.SUCCEEDED, run.status());
  }

  private static int indexOf(List<RunEvent> events, java.util.function.Predicate<RunEvent> test) {
    for (int i = 0; i < events.size(); i++) {
      if (test.test(events.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
