package dev.baton.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maps read from the key/value entries that strict schemas ask for, and from plain objects. */
class MapEntriesTest {
  record Tally(String name, Map<String, Integer> counts) {}

  @Test
  void entriesBindToAMap() {
    Map<String, Integer> m = Json.parse("[{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":2}]",
        Types.mapOf(Integer.class));
    assertEquals(Map.of("a", 1, "b", 2), m);
    assertEquals(List.of("a", "b"), List.copyOf(m.keySet()), "entry order is kept");
  }

  @Test
  void entriesInsideARecordAndAList() {
    List<Tally> tallies = Json.parse("[{\"name\":\"t\",\"counts\":[{\"key\":\"x\",\"value\":3}]}]",
        Types.listOf(Tally.class));
    assertEquals(List.of(new Tally("t", Map.of("x", 3))), tallies);
  }

  @Test
  void objectsStillBind() {
    assertEquals(new Tally("t", Map.of("x", 3)),
        Json.parse("{\"name\":\"t\",\"counts\":{\"x\":3}}", Tally.class));
  }

  @Test
  void mapsAreWrittenAsObjects() {
    assertEquals("{\"name\":\"t\",\"counts\":{\"x\":3}}", Json.write(new Tally("t", Map.of("x", 3))));
  }

  @Test
  void duplicateKeysAndMalformedEntriesAreRejected() {
    IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
        () -> Json.parse("[{\"key\":\"a\",\"value\":1},{\"key\":\"a\",\"value\":2}]",
            Types.mapOf(Integer.class)));
    assertTrue(duplicate.getMessage().contains("more than one entry"), duplicate::getMessage);
    IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
        () -> Json.parse("[{\"k\":\"a\",\"v\":1}]", Types.mapOf(Integer.class)));
    assertTrue(malformed.getMessage().contains("string \"key\""), malformed::getMessage);
  }

  @Test
  void valuesOfTheWrongTypeAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Json.parse("[{\"key\":\"a\",\"value\":\"many\"}]", Types.mapOf(Integer.class)));
  }
}
