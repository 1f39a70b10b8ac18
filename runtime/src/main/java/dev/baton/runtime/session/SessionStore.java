package dev.baton.runtime.session;

import java.util.List;

/**
 * Where sessions keep their conversations between calls. {@link #inMemory()} keeps them in this
 * process; {@code dev.baton.jdbc.JdbcSessionStore} keeps them in SQLite or PostgreSQL, shared by
 * processes.
 *
 * <pre>{@code
 * SessionStore store = SessionStore.inMemory();
 * Support desk = runner.with(RunOptions.builder().session(store.session("customer-42")).build());
 * desk.frontDesk("I was charged twice");
 * desk.frontDesk("Was the refund sent?");   // sees the first exchange
 * }</pre>
 *
 * <p><b>Writes are optimistic.</b> Every write names the version the writer read ({@link
 * SessionHistory#version()}); a store refuses a write when the session has moved on since, with
 * {@link SessionConflictException}, atomically with respect to every other writer, including
 * writers in other processes for stores that share a database. So two calls on one session at once
 * never lose or interleave items: the one that finishes second fails and stores nothing.
 *
 * <p>Implementations are thread-safe. Methods may block; runs call them on virtual threads.
 */
public interface SessionStore {
  /**
   * A handle on the session with this id; nothing is read or written until it is used.
   *
   * @param id 1 to 255 characters, not blank, without control characters (every store can hold it)
   * @return the session
   * @throws IllegalArgumentException if the id is blank, too long or holds a control character
   */
  default Session session(String id) {
    return new Session(id, this);
  }

  /**
   * Reads a session.
   *
   * @param sessionId the session's id
   * @return its exchanges and version; {@link SessionHistory#empty(String)} if the store does not
   *     hold it
   * @throws IllegalStateException if a stored item is corrupt, naming the session and the item
   */
  SessionHistory load(String sessionId);

  /**
   * Appends one exchange, if the session is still at {@code expectedVersion}. If the session
   * already holds an exchange of the same run id, nothing changes and nothing is thrown: a resumed
   * run stores its turn once.
   *
   * @param sessionId the session's id; created at version 1 if the store does not hold it
   * @param expectedVersion the version the writer read
   * @param exchange the exchange
   * @throws SessionConflictException if the session is at another version
   */
  void append(String sessionId, long expectedVersion, Exchange exchange);

  /**
   * Replaces all of a session's exchanges, if it is still at {@code expectedVersion}; an empty
   * list clears it. The session's version still goes up by one.
   *
   * @param sessionId the session's id
   * @param expectedVersion the version the writer read
   * @param exchanges the new exchanges, oldest first
   * @throws SessionConflictException if the session is at another version
   */
  void replace(String sessionId, long expectedVersion, List<Exchange> exchanges);

  /**
   * Deletes a session and its exchanges; a later write starts it again at version 1, so a call
   * that read the session before the delete fails with {@link SessionConflictException}.
   *
   * @param sessionId the session's id
   * @return whether the store held it
   */
  boolean delete(String sessionId);

  /**
   * The ids of the sessions the store holds, sorted.
   *
   * @return the ids
   */
  List<String> sessionIds();

  /**
   * A store in this process's memory: for tests and single-process services.
   *
   * @return a new, empty store
   */
  static SessionStore inMemory() {
    return new InMemorySessionStore();
  }
}
