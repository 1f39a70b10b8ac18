package dev.baton.runtime.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A conversation that outlives a call: an id and the {@link SessionStore} that holds it. Set one
 * on a runner with {@code RunOptions.builder().session(store.session("customer-42"))}; every call
 * through that runner then
 *
 * <ol>
 *   <li>reads the session and puts its messages at the start of the entry branch's conversation,
 *       so the entry agent sees them before its new input (unless it has {@code history = NONE});
 *   <li>starts at the agent that answered the previous call, if that agent took the conversation
 *       over from this entry by one-way handoffs and takes the same parameters (see {@link
 *       Start#ANSWERING_AGENT}); otherwise at the entry the caller named;
 *   <li>when it succeeds, appends one {@link Exchange}: what the entry branch's conversation gained
 *       (inputs and final outputs of the entry, its one-way handoff targets and a code entry's
 *       calls; not tool traffic, not what back-handoff targets, delegates or fan-out branches said
 *       on their own copies, only the answers they gave back as the caller's tool results, which
 *       also stay inside the caller's invocation).
 * </ol>
 *
 * <p>A call that fails, is cancelled or pauses for approval appends nothing; a run resumed with the
 * same session appends its exchange when it completes, once, even if resumed again. A call whose
 * session was written by someone else since it read it fails with {@link
 * SessionConflictException} and appends nothing.
 *
 * <p>Immutable and thread-safe; the methods that read or write call the store.
 */
public final class Session {
  /** Where a call through a session starts. */
  public enum Start {
    /**
     * At the agent that gave the previous call's final answer, when it is reachable from the
     * called entry through one-way handoffs, is an LLM agent, and takes the same parameter types
     * as the entry (so the new input fits, and its output type is assignable to the entry's, as
     * one-way handoffs require); otherwise at the called entry. A router hands a customer to a
     * specialist once, and the customer keeps talking to the specialist. The default.
     */
    ANSWERING_AGENT,
    /** Always at the agent the caller named. */
    ENTRY
  }

  private static final int MAX_ID_LENGTH = 255;

  private final String id;
  private final SessionStore store;
  private final Start start;
  private final int keepLast;
  private final Summarizer summarizer;

  Session(String id, SessionStore store) {
    this(checkId(id), Objects.requireNonNull(store, "store"), Start.ANSWERING_AGENT, 0, null);
  }

  private Session(String id, SessionStore store, Start start, int keepLast, Summarizer summarizer) {
    this.id = id;
    this.store = store;
    this.start = start;
    this.keepLast = keepLast;
    this.summarizer = summarizer;
  }

  private static String checkId(String id) {
    Objects.requireNonNull(id, "id");
    // Control characters: PostgreSQL's text holds no NUL, and a line break would split log lines.
    if (id.isBlank() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
      String shown = (id.length() > 40 ? id.substring(0, 40) + "..." : id)
          .codePoints().mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c)
              : Character.toString(c)).collect(Collectors.joining());
      throw new IllegalArgumentException("session id must be 1 to " + MAX_ID_LENGTH
          + " characters, not blank and without control characters, not \"" + shown + "\"");
    }
    return id;
  }

  /** The session's id. */
  public String id() {
    return id;
  }

  /** The store that holds it. */
  public SessionStore store() {
    return store;
  }

  /** Where calls through this session start; {@link Start#ANSWERING_AGENT} by default. */
  public Start start() {
    return start;
  }

  /**
   * This session with calls starting as given.
   *
   * @param value where calls start
   * @return a new handle on the same session
   */
  public Session startingAt(Start value) {
    return new Session(id, store, Objects.requireNonNull(value, "start"), keepLast, summarizer);
  }

  /**
   * This session, bounded: after each call stores its exchange, only the last {@code exchanges}
   * exchanges are kept, and what is dropped goes through {@code summarizer} (see {@link
   * #keepLast(int, Summarizer)}). A bound that loses a race with another writer is left for the
   * next call to apply.
   *
   * @param exchanges at least 1
   * @param summarizer what to keep in place of the dropped exchanges; {@link Summarizer#DROP} for
   *     nothing
   * @return a new handle on the same session
   */
  public Session bounded(int exchanges, Summarizer summarizer) {
    if (exchanges < 1) {
      throw new IllegalArgumentException("a session keeps at least 1 exchange, not " + exchanges);
    }
    return new Session(id, store, start, exchanges, Objects.requireNonNull(summarizer, "summarizer"));
  }

  /** The bound set with {@link #bounded(int, Summarizer)}; 0 for none. */
  public int bound() {
    return keepLast;
  }

  /** The summarizer set with {@link #bounded(int, Summarizer)}, or null. */
  public Summarizer summarizer() {
    return summarizer;
  }

  /** The session as stored now: exchanges, oldest first, and version. */
  public SessionHistory history() {
    return store.load(id);
  }

  /** The stored exchanges, oldest first. */
  public List<Exchange> exchanges() {
    return history().exchanges();
  }

  /**
   * Keeps the last {@code exchanges} exchanges; the older ones (an earlier summary with them) are
   * passed to {@code summarizer}, and the messages it returns are stored as one summary exchange at
   * the start. Does nothing if the session holds no more than that.
   *
   * @param exchanges at least 1
   * @param summarizer what to keep in place of the dropped exchanges
   * @return whether anything was dropped
   * @throws SessionConflictException if the session was written while the summarizer ran
   */
  public boolean keepLast(int exchanges, Summarizer summarizer) {
    if (exchanges < 1) {
      throw new IllegalArgumentException("a session keeps at least 1 exchange, not " + exchanges);
    }
    Objects.requireNonNull(summarizer, "summarizer");
    SessionHistory h = store.load(id);
    List<Exchange> all = h.exchanges();
    long real = all.stream().filter(e -> !e.isSummary()).count();
    if (real <= exchanges) {
      return false;
    }
    int cut = all.size() - exchanges;
    List<Exchange> dropped = all.subList(0, cut);
    List<Exchange> kept = new ArrayList<>();
    var summary = summarizer.summarize(dropped);
    if (summary != null && !summary.isEmpty()) {
      kept.add(new Exchange(Exchange.SUMMARY_PREFIX + (h.version() + 1), "", summary,
          Instant.now()));
    }
    kept.addAll(all.subList(cut, all.size()));
    store.replace(id, h.version(), kept);
    return true;
  }

  /**
   * Removes every exchange; the session stays, at a new version.
   *
   * @throws SessionConflictException if the session is written at the same moment
   */
  public void clear() {
    SessionHistory h = store.load(id);
    store.replace(id, h.version(), List.of());
  }

  /**
   * Deletes the session from its store.
   *
   * @return whether the store held it
   */
  public boolean delete() {
    return store.delete(id);
  }

  @Override
  public String toString() {
    return "Session[" + id + " in " + store + "]";
  }
}
