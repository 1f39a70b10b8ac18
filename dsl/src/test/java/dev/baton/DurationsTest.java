package dev.baton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
      "500ms, 500", "1ms, 1", "20s, 20000", "2m, 120000", "1h, 3600000", "PT20S, 20000",
      "pt1.5s, 1500", "PT1H30M, 5400000", "P1D, 86400000", "' 20s ', 20000"})
  void parsesShortAndIsoForms(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Durations.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "20", "20 s", "20sec", "1d", "ms", "1.5s", "s20"})
  void rejectsTextWithoutAKnownUnit(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Durations.parse(text));
    assertTrue(e.getMessage().startsWith("timeout \"" + text + "\" has no unit; use a number with"
        + " a unit (\"500ms\", \"20s\", \"2m\", \"1h\") or ISO-8601 (\"PT20S\")"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0ms", "-1s", "-500ms", "PT0S", "PT-20S", "-PT20S"})
  void rejectsDurationsThatAreNotPositive(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Durations.parse(text));
    assertEquals("timeout \"" + text + "\" must be positive", e.getMessage());
  }

  @Test
  void rejectsMalformedIso() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Durations.parse("PT20"));
    assertTrue(e.getMessage().startsWith("timeout \"PT20\" is not valid ISO-8601; "),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999s", "9999999999999999h", "9223372036854775807m"})
  void rejectsDurationsTooLargeToRepresent(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Durations.parse(text));
    assertEquals("timeout \"" + text + "\" is too large", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejectsEmpty(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Durations.parse(text));
    assertTrue(e.getMessage().startsWith("timeout is empty; "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0ms", "850, 850ms", "999, 999ms", "1000, 1s", "1250, 1.2s", "1299, 1.2s",
      "20000, 20s", "59999, 59.9s", "60000, 1m", "123000, 2m3s", "3599000, 59m59s",
      "3600000, 1h", "3660000, 1h1m", "7322000, 2h2m", "172800000, 48h"})
  void formatsCompactly(long millis, String expected) {
    assertEquals(expected, Durations.format(Duration.ofMillis(millis)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "20s", "2m", "1h"})
  void formatInvertsParseForWholeUnits(String text) {
    assertEquals(text, Durations.format(Durations.parse(text)));
  }
}
