package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores' formats and failure reports, and the state document's. */
class JournalStoreTest {
  @TempDir Path dir;

  private static JournalEntry entry(String key, String value) {
    return new JournalEntry(key, value);
  }

  @Test
  void fileStoreWritesAHeaderAndOneLinePerEntryAndLoadsThemBack() throws IOException {
    JournalStore store = JournalStore.file(dir);
    store.append("run-b", entry("a#m1", "{\"text\":\"line one\\nline two\"}"));
    store.append("run-a", entry("a#out", "\"x\""));
    store.append("run-b", entry("a#out", "[1,2]"));

    assertEquals(List.of(entry("a#m1", "{\"text\":\"line one\\nline two\"}"), entry("a#out", "[1,2]")),
        store.load("run-b"));
    assertEquals(List.of("run-a", "run-b"), store.runIds());
    assertEquals(List.of(), store.load("run-c"));
    List<String> lines = Files.readAllLines(dir.resolve("run-b.jsonl"));
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).contains("\"format\":\"baton-journal\""), lines.get(0));
    // Another store on the same directory (a later process) reads the same.
    assertEquals(store.load("run-b"), JournalStore.file(dir).load("run-b"));
  }

  @Test
  void fileStoreLoadsEveryKindOfValueAsTheCompactTextOfWhatWasAppended() throws IOException {
    JournalStore store = JournalStore.file(dir);
    // Appended as given (spaced, escaped); loaded back compact, as one JSON writer writes them.
    List<String> given = List.of("0", "-17", "3.25", "-1.5e-7", "1E+300", "12345678901234567890123",
        "true", "false", "null", "\"\"", "\"plain\"", "\"tab\\t quote\\\" back\\\\ slash\"",
        "\"\\u00e9t\u00e9 \\ud83d\\ude00 lone \\udc00\"", "[]", "{}", " [ 1 , [2,[3]] , {\"a\" : null} ] ",
        "{\"text\":\"a}b]c,d\",\"n\":[1,2.5,true],\"o\":{\"p\":{}}}");
    for (int i = 0; i < given.size(); i++) {
      store.append("run-v", entry("a#m" + (i + 1), given.get(i)));
    }
    List<JournalEntry> loaded = JournalStore.file(dir).load("run-v");
    assertEquals(given.size(), loaded.size());
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (int i = 0; i < given.size(); i++) {
      String value = loaded.get(i).value();
      assertEquals(json.readTree(given.get(i)), json.readTree(value), given.get(i) + " -> " + value);
      assertTrue(!value.isEmpty() && !value.startsWith(" ") && !value.endsWith(" "), value);
      // Loading is stable: what is loaded, appended again, loads as the same text.
      store.append("run-w", entry("a#m" + (i + 1), value));
    }
    assertEquals(loaded, store.load("run-w"));
    assertEquals("[1,[2,[3]],{\"a\":null}]", loaded.get(15).value());
    assertEquals("\"\u00e9t\u00e9 \\ud83d\\ude00 lone \\udc00\"", loaded.get(12).value());
  }

  @Test
  void loadFromAnIndexReturnsTheEntriesFromThereOnWhoeverAppendedThem() throws IOException {
    JournalStore file = JournalStore.file(dir);
    for (JournalStore store : List.of(file, JournalStore.inMemory())) {
      JournalStore other = store == file ? JournalStore.file(dir) : store;
      for (int i = 1; i <= 3; i++) {
        store.append("run-f", entry("a#m" + i, String.valueOf(i)));
      }
      assertEquals(3, store.load("run-f").size());
      other.append("run-f", entry("a#m4", "4"));
      other.append("run-f", entry("a#m5", "{\"x\":[5]}"));

      List<JournalEntry> all = other.load("run-f");
      assertEquals(5, all.size());
      for (int from = 0; from <= 7; from++) {
        assertEquals(all.subList(Math.min(from, 5), 5), store.load("run-f", from), store + " from " + from);
      }
      // Again from the end of the last load, after a load from its middle, and with nothing new.
      assertEquals(all.subList(4, 5), store.load("run-f", 4));
      assertEquals(all.subList(2, 5), store.load("run-f", 2));
      assertEquals(all.subList(4, 5), store.load("run-f", 4));
      assertEquals(List.of(), store.load("run-f", 5));
      assertEquals(List.of(), store.load("run-none", 0));
      assertThrows(IllegalArgumentException.class, () -> store.load("run-f", -1));
    }
  }

  // Appends a#m1..a#m3 to run-1 in a file store, loads them all once, and returns the run's file.
  private Path threeEntriesRead(JournalStore store) {
    for (int i = 1; i <= 3; i++) {
      store.append("run-1", entry("a#m" + i, String.valueOf(i)));
    }
    assertEquals(3, store.load("run-1").size());
    return dir.resolve("run-1.jsonl");
  }

  @Test
  void fileStoreLoadFromTheLastEntryItReadReadsOnlyTheLinesFromThere() throws IOException {
    JournalStore store = JournalStore.file(dir);
    Path file = threeEntriesRead(store);
    // A torn line from a writer killed mid-line, completed (cut and written again) by the next.
    Files.writeString(file, "{\"key\":\"a#m4\",\"va", StandardOpenOption.APPEND);
    assertEquals(List.of(entry("a#m3", "3")), store.load("run-1", 2));
    JournalStore.file(dir).append("run-1", entry("a#m4", "4"));
    assertEquals(List.of(entry("a#m3", "3"), entry("a#m4", "4")), store.load("run-1", 2));

    // Lines before the last one read are not read again: an earlier line broken in place (the
    // file is append-only, so that is no journal a run wrote) shows on a whole load only.
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(1, lines.get(1).replace("\"value\":1", "\"value\":x"));
    Files.write(file, lines);
    assertEquals(List.of(entry("a#m4", "4")), store.load("run-1", 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> store.load("run-1"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());

    // A corrupt line after the last one read is reported with its line number.
    lines.set(1, lines.get(1).replace(":x", ":1"));
    Files.write(file, lines);
    assertEquals(4, store.load("run-1").size());
    Files.writeString(file, "{\"key\":\"a#m5\",\"value\":[}\n", StandardOpenOption.APPEND);
    e = assertThrows(IllegalArgumentException.class, () -> store.load("run-1", 3));
    assertTrue(e.getMessage().contains("line 6"), e.getMessage());
  }

  @Test
  void fileStoreLoadFromAnIndexReadsAReplacedOrRewrittenFileWhole() throws IOException {
    JournalStore store = JournalStore.file(dir);
    Path file = threeEntriesRead(store);
    List<String> lines = Files.readAllLines(file);

    // Rewritten in place: the last line read is another now, of the same length.
    List<String> changed = new ArrayList<>(lines);
    changed.set(3, lines.get(3).replace("\"value\":3", "\"value\":7"));
    changed.add("{\"key\":\"a#m4\",\"value\":8}");
    Files.write(file, changed);
    assertEquals(List.of(entry("a#m3", "7"), entry("a#m4", "8")), store.load("run-1", 2));

    // Replaced by another file that holds other entries.
    assertEquals(4, store.load("run-1").size());
    Files.delete(file);
    JournalStore other = JournalStore.file(dir);
    for (int i = 1; i <= 6; i++) {
      other.append("run-1", entry("b#m" + i, String.valueOf(10 * i)));
    }
    assertEquals(List.of(entry("b#m4", "40"), entry("b#m5", "50"), entry("b#m6", "60")),
        store.load("run-1", 3));

    // Cut shorter than what was read.
    assertEquals(6, store.load("run-1").size());
    Files.write(file, Files.readAllLines(file).subList(0, 3));
    assertEquals(List.of(entry("b#m2", "20")), store.load("run-1", 1));
    assertEquals(List.of(), store.load("run-1", 5));
  }

  @Test
  void aForcingFileStoreKeepsTheSameFormatAndRefusesATakenId() throws IOException {
    JournalStore forcing = JournalStore.file(dir, true);
    forcing.create("run-f");
    forcing.append("run-f", entry("a#m1", "{\"text\":\"one\"}"));
    forcing.append("run-f", entry("a#out", "\"x\""));

    // A store without forcing (a later process) reads what the forcing one wrote, and vice versa.
    JournalStore plain = JournalStore.file(dir);
    assertEquals(List.of(entry("a#m1", "{\"text\":\"one\"}"), entry("a#out", "\"x\"")),
        plain.load("run-f"));
    plain.append("run-f", entry("a#out2", "1"));
    assertEquals(3, forcing.load("run-f").size());
    assertEquals(4, Files.readAllLines(dir.resolve("run-f.jsonl")).size());
    assertThrows(RunConflictException.class, () -> forcing.create("run-f"));
    assertTrue(forcing.toString().contains("force"), forcing.toString());
    assertTrue(!plain.toString().contains("force"), plain.toString());
  }

  @Test
  void tornLastLineIsIgnoredOnLoadAndCutOffBeforeTheNextAppend() throws IOException {
    JournalStore store = JournalStore.file(dir);
    store.append("run-1", entry("a#m1", "1"));
    store.append("run-1", entry("a#m2", "2"));
    Files.writeString(dir.resolve("run-1.jsonl"), "{\"key\":\"a#m3\",\"val",
        StandardOpenOption.APPEND);

    JournalStore later = JournalStore.file(dir);
    assertEquals(List.of(entry("a#m1", "1"), entry("a#m2", "2")), later.load("run-1"));
    later.append("run-1", entry("a#m3", "3"));
    assertEquals(List.of(entry("a#m1", "1"), entry("a#m2", "2"), entry("a#m3", "3")),
        later.load("run-1"));
  }

  @Test
  void corruptLineIsReportedWithItsLineNumber() throws IOException {
    JournalStore store = JournalStore.file(dir);
    for (int i = 1; i <= 3; i++) {
      store.append("run-1", entry("a#m" + i, String.valueOf(i)));
    }
    Path file = dir.resolve("run-1.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(2, "{\"key\":\"a#m2\",\"value\":tru");
    Files.write(file, lines);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> store.load("run-1"));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("run-1.jsonl"), e.getMessage());

    // Every kind of bad value, wherever in the value it is, is caught on load.
    for (String bad : List.of("{\"t\":\"\\q\"}", "[1,}", "\"open", "01", "[\"a\u0001b\"]",
        "{\"a\":1,\"a\"}", "[[[1]]", "nul")) {
      lines.set(2, "{\"key\":\"a#m2\",\"value\":" + bad + "}");
      Files.write(file, lines);
      IllegalArgumentException badValue = assertThrows(IllegalArgumentException.class,
          () -> store.load("run-1"), bad);
      assertTrue(badValue.getMessage().contains("line 3") && badValue.getMessage().contains("not JSON"),
          bad + ": " + badValue.getMessage());
    }

    for (String notEntry : List.of("{\"value\":2}", "{\"key\":7,\"value\":2}", "{\"key\":\"k\"}", "[1]",
        "\"text\"", "")) {
      lines.set(2, notEntry);
      Files.write(file, lines);
      e = assertThrows(IllegalArgumentException.class, () -> store.load("run-1"));
      assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("\"key\""),
          notEntry + ": " + e.getMessage());
    }
  }

  @Test
  void unknownFileVersionAndForeignFilesAreReportedClearly() throws IOException {
    JournalStore store = JournalStore.file(dir);
    Files.writeString(dir.resolve("run-9.jsonl"),
        "{\"format\":\"baton-journal\",\"version\":99}\n{\"key\":\"a\",\"value\":1}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.load("run-9"));
    assertTrue(e.getMessage().contains("version 99") && e.getMessage().contains("reads version 1"),
        e.getMessage());

    Files.writeString(dir.resolve("other.jsonl"), "{\"hello\":\"world\"}\n");
    e = assertThrows(IllegalArgumentException.class, () -> store.load("other"));
    assertTrue(e.getMessage().contains("not a Baton journal") && e.getMessage().contains("line 1"),
        e.getMessage());
  }

  @Test
  void runIdsThatCannotNameAFileAreRejected() {
    JournalStore store = JournalStore.file(dir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> store.append("../escape", entry("k", "1")));
    assertTrue(e.getMessage().contains("../escape"), e.getMessage());
  }

  @Test
  void inMemoryStoreKeepsEntriesInOrder() {
    JournalStore store = JournalStore.inMemory();
    store.append("r2", entry("a", "1"));
    store.append("r1", entry("b", "2"));
    store.append("r2", entry("c", "3"));
    assertEquals(List.of(entry("a", "1"), entry("c", "3")), store.load("r2"));
    assertEquals(List.of("r1", "r2"), store.runIds());
  }

  @Test
  void fromStoreReportsMissingAndHeaderlessJournals() {
    JournalStore store = JournalStore.inMemory();
    store.append("r1", entry("a#m1", "1"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> RunState.fromStore(store, "nope"));
    assertTrue(missing.getMessage().contains("nope") && missing.getMessage().contains("[r1]"),
        missing.getMessage());
    IllegalArgumentException headerless = assertThrows(IllegalArgumentException.class,
        () -> RunState.fromStore(store, "r1"));
    assertTrue(headerless.getMessage().contains("@run"), headerless.getMessage());
  }

  @Test
  void stateDocumentsOfAnotherVersionOrKindAreRejectedClearly() {
    RunState state = new RunState("run-1", "Desk", "frontDesk", "[\"hi\"]",
        List.of(entry("frontDesk#m1", "{\"text\":\"x\"}")), List.of(), java.util.Map.of());
    String json = state.toJson();
    assertEquals(state.journal(), RunState.fromJson(json).journal());

    IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
        () -> RunState.fromJson(json.replace("\"version\" : 1", "\"version\" : 7")));
    assertTrue(version.getMessage().contains("version 7"), version.getMessage());
    for (String foreign : List.of("{\"journal\":[]}", "[1,2]", "\"text\"", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RunState.fromJson(foreign));
      assertTrue(e.getMessage().contains("not a Baton run state"), foreign + ": " + e.getMessage());
    }
    IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
        () -> RunState.fromJson("{\"format\": "));
    assertTrue(notJson.getMessage().contains("not valid JSON"), notJson.getMessage());
    IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class,
        () -> RunState.fromJson(json.replace("\"journal\"", "\"jurnal\"")));
    assertTrue(corrupt.getMessage().contains("corrupt") && corrupt.getMessage().contains("journal"),
        corrupt.getMessage());
    assertTrue(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
        .contains("baton-run-state"));
  }
}
