package dev.baton.runtime.session;

import dev.baton.runtime.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A session's exchanges as a store holds them at one moment, and the version they are at.
 *
 * @param sessionId the session's id
 * @param version how many times the session was written: 0 for a session the store does not hold;
 *     every append, replace and clear adds one, so a writer that read version {@code v} can tell
 *     whether anyone wrote in between
 * @param exchanges oldest first
 */
public record SessionHistory(String sessionId, long version, List<Exchange> exchanges) {
  /** Checks the components and copies the exchanges. */
  public SessionHistory {
    Objects.requireNonNull(sessionId, "sessionId");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative, not " + version);
    }
    exchanges = List.copyOf(exchanges);
  }

  /** An empty history at version 0: what a store returns for a session it does not hold. */
  public static SessionHistory empty(String sessionId) {
    return new SessionHistory(sessionId, 0, List.of());
  }

  /** Every message of every exchange, oldest first: what the next call's entry agent sees. */
  public List<Message> messages() {
    List<Message> out = new ArrayList<>();
    for (Exchange e : exchanges) {
      out.addAll(e.messages());
    }
    return List.copyOf(out);
  }

  /** Whether an exchange of the run with this id is stored. */
  public boolean contains(String runId) {
    for (Exchange e : exchanges) {
      if (e.runId().equals(runId)) {
        return true;
      }
    }
    return false;
  }

  /** The last exchange that is not a summary, if any. */
  public java.util.Optional<Exchange> lastExchange() {
    for (int i = exchanges.size() - 1; i >= 0; i--) {
      if (!exchanges.get(i).isSummary()) {
        return java.util.Optional.of(exchanges.get(i));
      }
    }
    return java.util.Optional.empty();
  }
}
