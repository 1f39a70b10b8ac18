package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runtime.JournalEntry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The record of every step of a run, keyed by agent path and step: model responses ({@code
 * path#m1}), tool results ({@code path#t<turn>:<callId>}), agent outputs ({@code path#out}),
 * branch outcomes ({@code path#outcome}), and where each invocation's n-th child call went ({@code
 * path#c<n>}). A resumed run starts with the entries of the run it continues and answers
 * steps from them instead of running them.
 *
 * <p>Every key names one step of one invocation, and invocations have unique paths, so a run never
 * looks up a step it recorded itself: lookups read only the entries it started with, which never
 * change, and recording needs no lock. Branches and concurrent tool calls record without waiting
 * for each other.
 *
 * <p>Without a journal store nothing reads a step's JSON unless someone asks for the run's state,
 * so steps are kept as they are and turned into JSON only then: the run loop pays for the journal
 * only when it is used. With a store every step is written as it happens.
 */
final class Journal {
  // Key -> value text. Parsed when looked up: a replay looks up only some of the steps it starts
  // with (an invocation answered by its output never asks for its model responses).
  private final Map<String, String> prior;
  private final List<JournalEntry> priorEntries;
  // The steps recorded by this run, newest first, each linking to the one before: one
  // compare-and-set and no node per step.
  private volatile Step newest;
  private static final VarHandle NEWEST =
      VarHandles.field(MethodHandles.lookup(), Journal.class, "newest", Step.class);
  private final Consumer<JournalEntry> sink;
  private final boolean durable;

  /** One step recorded by this run; its JSON is computed at most once. */
  private static final class Step {
    final String key;
    private final Supplier<JsonNode> value;
    private volatile JsonNode json;
    // The step recorded before this one; set before this one is published.
    private Step before;

    Step(String key, Supplier<JsonNode> value) {
      this.key = key;
      this.value = value;
    }

    Step(String key, JsonNode json) {
      this.key = key;
      this.value = () -> json;
      this.json = json;
    }

    JsonNode json() {
      JsonNode j = json;
      if (j == null) {
        // Two readers may both compute it; the values are equal, so either may win.
        j = value.get();
        json = j;
      }
      return j;
    }
  }

  /**
   * @param prior the entries of the run this one continues
   * @param sink receives each new entry, in order, when {@code durable}
   * @param durable whether entries are written as they happen
   */
  Journal(List<JournalEntry> prior, Consumer<JournalEntry> sink, boolean durable) {
    this.sink = sink;
    this.durable = durable;
    if (prior.isEmpty()) {
      // A new run: nothing to copy or parse.
      this.priorEntries = List.of();
      this.prior = Map.of();
      return;
    }
    this.priorEntries = List.copyOf(prior);
    Map<String, String> map = HashMap.newHashMap(prior.size());
    for (JournalEntry e : prior) {
      map.put(e.key(), e.value());
    }
    this.prior = Collections.unmodifiableMap(map);
  }

  /**
   * The recorded value of a step, or null if the step has not happened. Each call parses the
   * value anew, so callers may keep or change the tree.
   *
   * @throws IllegalArgumentException if the recorded value is not JSON (the entries a run starts
   *     with were checked before it started, so only a store that breaks its contract gets here)
   */
  JsonNode recorded(String key) {
    if (prior.isEmpty()) {
      return null;
    }
    String value = prior.get(key);
    return value == null ? null : JournalJson.read(value);
  }

  /**
   * Whether the step recorded under {@code key} holds the JSON string {@code text}, or null if the
   * step has not happened. Compares the recorded text with the string's plain quoting first, so the
   * common case parses nothing.
   */
  Boolean recordedString(String key, String text) {
    if (prior.isEmpty()) {
      return null;
    }
    String value = prior.get(key);
    if (value == null) {
      return null;
    }
    if (value.length() == text.length() + 2 && value.charAt(0) == '"'
        && value.charAt(value.length() - 1) == '"' && value.regionMatches(1, text, 0, text.length())
        && plain(text)) {
      return true;
    }
    JsonNode node = JournalJson.read(value);
    return node.isTextual() && node.asText().equals(text);
  }

  // Whether JSON writes s between quotes as it is: no character that is escaped.
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Records a step that just happened (a step replayed from the journal is not recorded again).
   *
   * @param value computes the step's JSON; called at once for a durable journal, else on demand.
   *     It must only read values that do not change after the step, as run outputs and model
   *     responses do not.
   */
  void record(String key, Supplier<JsonNode> value) {
    if (prior.containsKey(key)) {
      return;
    }
    if (durable) {
      JsonNode json = value.get();
      push(new Step(key, json));
      sink.accept(new JournalEntry(key, JournalJson.write(json)));
    } else {
      push(new Step(key, value));
    }
  }

  private void push(Step s) {
    Step top;
    do {
      top = newest;
      s.before = top;
    } while (!NEWEST.compareAndSet(this, top, s));
  }

  List<JournalEntry> entries() {
    List<JournalEntry> out = new ArrayList<>(priorEntries);
    List<Step> steps = new ArrayList<>();
    for (Step s = newest; s != null; s = s.before) {
      steps.add(s);
    }
    java.util.Collections.reverse(steps);
    for (Step s : steps) {
      out.add(new JournalEntry(s.key, JournalJson.write(s.json())));
    }
    return out;
  }
}
