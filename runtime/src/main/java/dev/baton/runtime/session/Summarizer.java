package dev.baton.runtime.session;

import dev.baton.runtime.model.Message;
import java.util.List;

/**
 * Turns the exchanges that {@link Session#keepLast(int, Summarizer)} drops into messages that stay
 * at the start of the session in their place, e.g. one {@link dev.baton.runtime.model.UserMessage}
 * with a summary written by a model. Runs on the caller's thread, outside any lock of the store.
 */
@FunctionalInterface
public interface Summarizer {
  /** Drops the exchanges and keeps nothing in their place. */
  Summarizer DROP = dropped -> List.of();

  /**
   * Summarizes exchanges about to be dropped.
   *
   * @param dropped the dropped exchanges, oldest first (an earlier summary among them comes first)
   * @return the messages to keep instead; empty to keep nothing
   */
  List<Message> summarize(List<Exchange> dropped);
}
