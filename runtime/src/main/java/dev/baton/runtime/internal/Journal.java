package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runtime.JournalEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The record of every step of a run, keyed by agent path and step: model responses ({@code
 * path#m1}), tool results ({@code path#t<turn>:<callId>}), agent outputs ({@code path#out}),
 * branch outcomes ({@code path#outcome}), invocation starts ({@code path#start}). A resumed run
 * starts with the entries of the run it continues and answers steps from them instead of running
 * them.
 *
 * <p>Without a journal store nothing reads a step's JSON unless someone asks for the run's state,
 * so steps are kept as they are and turned into JSON only then: the run loop pays for the journal
 * only when it is used. With a store every step is written as it happens.
 */
final class Journal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Object> recorded = new HashMap<>();
  private final List<String> order = new ArrayList<>();
  private final Consumer<JournalEntry> sink;
  private final boolean durable;

  /**
   * @param prior the entries of the run this one continues
   * @param sink receives each new entry, in order, when {@code durable}
   * @param durable whether entries are written as they happen
   */
  Journal(List<JournalEntry> prior, Consumer<JournalEntry> sink, boolean durable) {
    this.sink = sink;
    this.durable = durable;
    for (JournalEntry e : prior) {
      recorded.put(e.key(), Json.tree(e.value()));
      order.add(e.key());
    }
  }

  /** The recorded value of a step, or null if the step has not happened. */
  JsonNode recorded(String key) {
    Object value;
    lock.lock();
    try {
      value = recorded.get(key);
    } finally {
      lock.unlock();
    }
    return value == null ? null : materialize(key, value);
  }

  /**
   * Records a step that just happened (a step replayed from the journal is not recorded again).
   *
   * @param value computes the step's JSON; called at once for a durable journal, else on demand.
   *     It must only read values that do not change after the step, as run outputs and model
   *     responses do not.
   */
  void record(String key, Supplier<JsonNode> value) {
    Object stored = durable ? value.get() : value;
    lock.lock();
    try {
      if (recorded.putIfAbsent(key, stored) != null) {
        return;
      }
      order.add(key);
    } finally {
      lock.unlock();
    }
    if (durable) {
      sink.accept(new JournalEntry(key, stored.toString()));
    }
  }

  private JsonNode materialize(String key, Object value) {
    if (value instanceof JsonNode node) {
      return node;
    }
    @SuppressWarnings("unchecked")
    JsonNode node = ((Supplier<JsonNode>) value).get();
    lock.lock();
    try {
      recorded.put(key, node);
    } finally {
      lock.unlock();
    }
    return node;
  }

  List<JournalEntry> entries() {
    List<String> keys;
    List<Object> values = new ArrayList<>();
    lock.lock();
    try {
      keys = List.copyOf(order);
      for (String k : keys) {
        values.add(recorded.get(k));
      }
    } finally {
      lock.unlock();
    }
    List<JournalEntry> out = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      out.add(new JournalEntry(keys.get(i), materialize(keys.get(i), values.get(i)).toString()));
    }
    return out;
  }
}
