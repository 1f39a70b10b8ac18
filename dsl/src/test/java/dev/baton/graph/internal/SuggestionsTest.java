package dev.baton.graph.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> AGENTS = List.of("frontDesk", "billing", "technical");

  @Test
  void suggestsAPlausibleTypo() {
    assertEquals(Optional.of("billing"), Suggestions.closest("biling", AGENTS));
    assertEquals(Optional.of("billing"), Suggestions.closest("bilIing", AGENTS));
    assertEquals(Optional.of("technical"), Suggestions.closest("tehcnical", AGENTS));
    assertEquals(Optional.of("frontDesk"), Suggestions.closest("FRONTDESK", AGENTS));
  }

  @Test
  void nothingWhenNothingIsClose() {
    assertEquals(Optional.empty(), Suggestions.closest("warehouse", AGENTS));
    assertEquals(Optional.empty(), Suggestions.closest("billing", List.of()));
    assertEquals(Optional.empty(), Suggestions.closest("ab", List.of("cd")));
  }

  @Test
  void allowsAThirdOfTheLengthUpToThreeEdits() {
    assertEquals(Optional.of("ac"), Suggestions.closest("ab", List.of("ac")));
    assertEquals(Optional.of("abcdef"), Suggestions.closest("abcxyf", List.of("abcdef")));
    assertEquals(Optional.empty(), Suggestions.closest("abxyzf", List.of("abcdef")));
    assertEquals(Optional.of("abcdefghijklmnopqrst"),
        Suggestions.closest("abcdefghijklmnopqXYZ", List.of("abcdefghijklmnopqrst")));
    assertEquals(Optional.empty(),
        Suggestions.closest("abcdefghijklmnopWXYZ", List.of("abcdefghijklmnopqrst")));
  }

  @Test
  void prefersTheClosestCandidate() {
    assertEquals(Optional.of("teck"), Suggestions.closest("tech", List.of("technical", "teck")));
    assertEquals(Optional.of("style"), Suggestions.closest("styel", List.of("stale", "style")));
  }

  @Test
  void distanceCountsTranspositionsAsOneEdit() {
    assertEquals(0, Suggestions.distance("abc", "abc"));
    assertEquals(1, Suggestions.distance("abc", "acb"));
    assertEquals(1, Suggestions.distance("abc", "abcd"));
    assertEquals(3, Suggestions.distance("", "abc"));
    assertEquals(2, Suggestions.distance("kitten", "sittin"));
  }

  @Test
  void didYouMeanSuffix() {
    assertEquals("; did you mean \"billing\"?", Suggestions.didYouMean("biling", AGENTS));
    assertEquals("", Suggestions.didYouMean("warehouse", AGENTS));
  }
}
