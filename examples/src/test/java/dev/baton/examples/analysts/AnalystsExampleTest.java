package dev.baton.examples.analysts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Results;
import dev.baton.examples.Recording;
import dev.baton.runtime.RunEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalystsExampleTest {
  @Test
  void threePerspectivesInParallel() {
    Recording rec = new Recording();

    Results<String> results = AnalystsExample.run(AnalystsExample.script(), rec);

    assertTrue(results.isComplete(), results::toString);
    assertEquals(List.of("customer", "engineering", "finance"),
        List.copyOf(results.successes().keySet()));
    assertTrue(results.successes().get("finance").contains("pays back in 9 months"));

    // Every branch started before the first one finished: they ran at the same time.
    List<RunEvent> events = rec.events();
    long lastStart = events.stream().filter(e -> e instanceof RunEvent.BranchStarted)
        .mapToLong(RunEvent::sequence).max().orElseThrow();
    long firstEnd = events.stream().filter(e -> e instanceof RunEvent.BranchFinished)
        .mapToLong(RunEvent::sequence).min().orElseThrow();
    assertEquals(3, rec.of(RunEvent.BranchStarted.class).size(), rec::timeline);
    assertTrue(lastStart < firstEnd, rec::timeline);
  }
}
