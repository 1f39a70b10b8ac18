package dev.baton.runtime.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/** {@link SessionStore#inMemory()}: histories in a sorted map, guarded by one lock. */
final class InMemorySessionStore implements SessionStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, SessionHistory> sessions = new TreeMap<>();

  @Override
  public SessionHistory load(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    lock.lock();
    try {
      SessionHistory h = sessions.get(sessionId);
      return h == null ? SessionHistory.empty(sessionId) : h;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void append(String sessionId, long expectedVersion, Exchange exchange) {
    Objects.requireNonNull(exchange, "exchange");
    lock.lock();
    try {
      SessionHistory h = load(sessionId);
      if (h.contains(exchange.runId())) {
        return;
      }
      check(exchange.runId(), h, expectedVersion);
      List<Exchange> all = new ArrayList<>(h.exchanges());
      all.add(exchange);
      sessions.put(sessionId, new SessionHistory(sessionId, h.version() + 1, all));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void replace(String sessionId, long expectedVersion, List<Exchange> exchanges) {
    Objects.requireNonNull(exchanges, "exchanges");
    lock.lock();
    try {
      SessionHistory h = load(sessionId);
      check("", h, expectedVersion);
      sessions.put(sessionId, new SessionHistory(sessionId, h.version() + 1, exchanges));
    } finally {
      lock.unlock();
    }
  }

  private static void check(String runId, SessionHistory h, long expectedVersion) {
    if (h.version() != expectedVersion) {
      throw new SessionConflictException(runId, h.sessionId(), expectedVersion, h.version());
    }
  }

  @Override
  public boolean delete(String sessionId) {
    lock.lock();
    try {
      return sessions.remove(sessionId) != null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<String> sessionIds() {
    lock.lock();
    try {
      return List.copyOf(sessions.keySet());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SessionStore.inMemory";
  }
}
