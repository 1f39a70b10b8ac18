package dev.baton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ResultsTest {

  private final IllegalStateException boom = new IllegalStateException("boom");
  private final Outcome.Success<String> p78 =
      new Outcome.Success<>("p78", "no defect", Duration.ofMillis(850));
  private final Outcome.TimedOut<String> p80 = new Outcome.TimedOut<>("p80", Duration.ofSeconds(2));
  private final Outcome.Failed<String> p82 = new Outcome.Failed<>("p82", boom, Duration.ofMillis(1250));
  private final Outcome.Success<String> p84 =
      new Outcome.Success<>("p84", "crack", Duration.ofMillis(1999));
  private final Results<String> partial = Results.of(List.of(p78, p80, p82, p84));

  @Test
  void outcomeByAgent() {
    assertSame(p78, partial.outcome("p78"));
    assertSame(p80, partial.outcome("p80"));
    assertSame(p82, partial.outcome("p82"));
  }

  @Test
  void unknownAgentNamesTheBranches() {
    NoSuchElementException e = assertThrows(NoSuchElementException.class,
        () -> partial.outcome("p99"));
    assertEquals("no branch \"p99\"; branches are [p78, p80, p82, p84]", e.getMessage());
  }

  @Test
  void successesInDeclarationOrder() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("p78", "no defect");
    expected.put("p84", "crack");
    assertEquals(expected, partial.successes());
    assertEquals(List.of("p78", "p84"), new ArrayList<>(partial.successes().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> partial.successes().clear());
  }

  @Test
  void failuresAndTimeouts() {
    assertEquals(List.of(p82), partial.failures());
    assertSame(boom, partial.failures().get(0).error());
    assertEquals(List.of("p80"), partial.timedOut());
  }

  @Test
  void completeOnlyWhenEveryBranchSucceeded() {
    assertFalse(partial.isComplete());
    assertTrue(Results.of(List.of(p78, p84)).isComplete());
    assertFalse(Results.of(List.of(p78, p80)).isComplete());
    assertFalse(Results.of(List.of(p82)).isComplete());
    assertTrue(Results.<String>of(List.of()).isComplete());
  }

  @Test
  void iteratesInDeclarationOrder() {
    List<String> agents = new ArrayList<>();
    for (Outcome<String> o : partial) {
      agents.add(o.agent());
    }
    assertEquals(List.of("p78", "p80", "p82", "p84"), agents);
    assertEquals(agents, partial.stream().map(Outcome::agent).toList());
    assertEquals(List.of(p78, p80, p82, p84), partial.outcomes());
    assertEquals(4, partial.size());
  }

  @Test
  void orderFollowsTheInputNotTheName() {
    Results<String> r = Results.of(List.of(p84, p78));
    assertEquals(List.of("p84", "p78"), r.stream().map(Outcome::agent).toList());
    assertEquals(List.of("p84", "p78"), new ArrayList<>(r.successes().keySet()));
  }

  @Test
  void duplicateAgentsAreRejected() {
    Outcome.Success<String> again = new Outcome.Success<>("p78", "other", Duration.ZERO);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Results.of(List.of(p78, p80, again)));
    assertEquals("agent \"p78\" appears twice in [p78, p80, p78]; each branch has one outcome",
        e.getMessage());
  }

  @Test
  void isImmutableCopy() {
    List<Outcome<String>> source = new ArrayList<>(List.of(p78));
    Results<String> r = Results.of(source);
    source.add(p80);
    assertEquals(1, r.size());
    assertThrows(UnsupportedOperationException.class, () -> r.outcomes().add(p80));
  }

  @Test
  void equalityByOutcomes() {
    assertEquals(Results.of(List.of(p78, p80)), Results.of(List.of(p78, p80)));
    assertEquals(Results.of(List.of(p78, p80)).hashCode(), Results.of(List.of(p78, p80)).hashCode());
    assertFalse(Results.of(List.of(p78, p80)).equals(Results.of(List.of(p80, p78))));
  }

  @Test
  void outcomesReadWell() {
    assertEquals("p78 succeeded in 850ms: no defect", p78.toString());
    assertEquals("p80 timed out after 2s", p80.toString());
    assertEquals("p82 failed after 1.2s: java.lang.IllegalStateException: boom", p82.toString());
    assertTrue(p78.isSuccess());
    assertFalse(p80.isSuccess());
    assertFalse(p82.isSuccess());
  }

  @Test
  void resultsReadWell() {
    assertEquals("""
        Results[2/4 succeeded]
          p78 succeeded in 850ms: no defect
          p80 timed out after 2s
          p82 failed after 1.2s: java.lang.IllegalStateException: boom
          p84 succeeded in 1.9s: crack""", partial.toString());
  }

  @Test
  void outcomesCheckTheirComponents() {
    assertThrows(NullPointerException.class, () -> new Outcome.Success<>(null, "v", Duration.ZERO));
    assertThrows(NullPointerException.class, () -> new Outcome.Failed<String>("a", null, Duration.ZERO));
    assertThrows(NullPointerException.class, () -> new Outcome.TimedOut<String>("a", null));
  }

  @Test
  void switchOverOutcomesIsExhaustive() {
    List<String> lines = new ArrayList<>();
    for (Outcome<String> o : partial) {
      lines.add(switch (o) {
        case Outcome.Success<String> s -> "ok " + s.value();
        case Outcome.Failed<String> f -> "failed " + f.error().getMessage();
        case Outcome.TimedOut<String> t -> "late " + t.after().toSeconds();
      });
    }
    assertEquals(List.of("ok no defect", "late 2", "failed boom", "ok crack"), lines);
  }
}
