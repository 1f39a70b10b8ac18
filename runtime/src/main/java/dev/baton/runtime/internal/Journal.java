package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runtime.JournalEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The record of every step of a run, keyed by agent path and step: model responses ({@code
 * path#m1}), tool results ({@code path#t<callId>}), agent outputs ({@code path#out}), branch
 * outcomes ({@code path#outcome}), invocation starts ({@code path#start}). A resumed run starts
 * with the entries of the run it continues and answers steps from them instead of running them.
 */
final class Journal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, JsonNode> recorded = new HashMap<>();
  private final List<JournalEntry> entries = new ArrayList<>();
  private final Consumer<JournalEntry> sink;

  Journal(List<JournalEntry> prior, Consumer<JournalEntry> sink) {
    this.sink = sink;
    for (JournalEntry e : prior) {
      recorded.put(e.key(), Json.tree(e.value()));
      entries.add(e);
    }
  }

  /** The recorded value of a step, or null if the step has not happened. */
  JsonNode recorded(String key) {
    lock.lock();
    try {
      return recorded.get(key);
    } finally {
      lock.unlock();
    }
  }

  /** Records a step that just happened (a step replayed from the journal is not recorded again). */
  void record(String key, JsonNode value) {
    JournalEntry entry;
    lock.lock();
    try {
      if (recorded.putIfAbsent(key, value) != null) {
        return;
      }
      entry = new JournalEntry(key, value.toString());
      entries.add(entry);
    } finally {
      lock.unlock();
    }
    sink.accept(entry);
  }

  List<JournalEntry> entries() {
    lock.lock();
    try {
      return List.copyOf(entries);
    } finally {
      lock.unlock();
    }
  }
}
