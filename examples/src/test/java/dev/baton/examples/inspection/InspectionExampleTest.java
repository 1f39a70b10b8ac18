package dev.baton.examples.inspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.examples.Recording;
import dev.baton.runtime.RunEvent.BranchFinished;
import dev.baton.runtime.RunEvent.HandoffOccurred;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InspectionExampleTest {
  @Test
  void theReportNamesTheCheckThatTimedOut() {
    Recording rec = new Recording();

    String report = InspectionExample.run(InspectionExample.script(), rec);

    assertTrue(report.contains("P80 did not finish (timed out after 2s"), report);
    assertTrue(report.contains("NOT released until P80 is repeated"), report);
    assertTrue(report.contains("P78 passed") && report.contains("P82 passed"), report);

    HandoffOccurred handoff = rec.of(HandoffOccurred.class).getFirst();
    assertEquals("inspect", handoff.to());
    assertEquals(false, handoff.back());

    Map<String, Outcome<?>> outcomes = rec.of(BranchFinished.class).stream()
        .collect(Collectors.toMap(b -> b.path(), BranchFinished::outcome));
    assertEquals(List.of("intake>inspect/p78", "intake>inspect/p80", "intake>inspect/p82"),
        outcomes.keySet().stream().sorted().toList(), rec::timeline);
    assertInstanceOf(Outcome.Success.class, outcomes.get("intake>inspect/p78"));
    assertInstanceOf(Outcome.Success.class, outcomes.get("intake>inspect/p82"));
    Outcome.TimedOut<?> timedOut =
        assertInstanceOf(Outcome.TimedOut.class, outcomes.get("intake>inspect/p80"));
    assertEquals(Duration.ofSeconds(2), timedOut.after());
    assertTrue(rec.timeline().contains("intake>inspect/p80: branch TIMED OUT after 2s"), rec::timeline);
  }

  @Test
  void theChecksRunOnTheAircraftTheIntakeFound() {
    var model = InspectionExample.script();

    InspectionExample.run(model, event -> { });

    Function<String, String> input = agent -> dev.baton.examples.Transcripts.input(
        model.requests(agent).getFirst());
    assertEquals("D-ABCD", input.apply("p78"));
    assertEquals("D-ABCD", input.apply("p82"));
  }
}
