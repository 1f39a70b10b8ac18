package dev.baton.runtime;

import java.util.Objects;

/**
 * One step of a run's journal.
 *
 * @param key where the step happened and which step it is, e.g. {@code frontDesk>billing#m1} (the
 *     first model response of that invocation), {@code frontDesk#t<callId>} (a tool result), {@code
 *     inspect/p78#outcome} (a branch outcome)
 * @param value the recorded result, as JSON text
 */
public record JournalEntry(String key, String value) {
  /** Checks the components. */
  public JournalEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
