package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.graph.AgentKind;
import dev.baton.graph.Edge;
import dev.baton.graph.EdgeKind;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.session.Exchange;
import dev.baton.runtime.session.Session;
import dev.baton.runtime.session.SessionConflictException;
import dev.baton.runtime.session.SessionHistory;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The entry of a run that continues a {@link Session}: seeds the entry branch's conversation with
 * the session's messages, picks the agent to start at, and when the entry returns appends what the
 * branch gained as one exchange, guarded by the version read at the start.
 */
final class SessionTurn {
  private final Engine engine;
  private final Frame root;
  private final Session session;
  private final RunImpl<?> run;

  SessionTurn(Engine engine, Frame root, Session session) {
    this.engine = engine;
    this.root = root;
    this.session = session;
    this.run = root.run;
  }

  Object call(String agent, Object[] args, Callable<?> body) {
    engine.prepared(agent); // an unknown agent fails before the store is read
    SessionHistory history = load(agent);
    // A resumed run whose turn is already stored (it was killed after storing it) sees what it saw
    // before and stores nothing again.
    boolean stored = history.contains(run.id());
    List<Message> seed = stored ? before(history, run.id()) : history.messages();
    root.conversation.appendAll(seed);
    int seeded = root.conversation.size();
    if (!run.hasEntry()) {
      run.recordEntry(agent, args);
    }
    String start = start(agent, history);
    Object out = engine.invoke(root, engine.prepared(start), args, start.equals(agent) ? body : null,
        root.childPath("/", start), root.conversation);
    if (stored) {
      return out;
    }
    if (run.isCancelled()) {
      throw run.interrupted(start); // a cancelled call leaves nothing in the session
    }
    List<Message> gained = root.conversation.since(seeded);
    if (gained.isEmpty()) {
      return out; // an abstract fan-out entry: its branches talked on copies, the branch gained nothing
    }
    String answered = root.conversation.answeredBy();
    Exchange exchange = new Exchange(run.id(),
        answered != null && reachable(start, answered) ? answered : start, gained, Instant.now());
    try {
      session.store().append(session.id(), history.version(), exchange);
    } catch (SessionConflictException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AgentException(run.id(), start, "session store " + session.store()
          + " could not store the exchange of session \"" + session.id() + "\"; nothing of this"
          + " call was stored: " + Engine.describe(e), e);
    }
    if (session.bound() > 0) {
      bound(start);
    }
    return out;
  }

  private SessionHistory load(String agent) {
    try {
      return session.store().load(session.id());
    } catch (RuntimeException e) {
      throw new AgentException(run.id(), agent, "session store " + session.store()
          + " could not load session \"" + session.id() + "\": " + Engine.describe(e), e);
    }
  }

  private void bound(String start) {
    try {
      session.keepLast(session.bound(), session.summarizer());
    } catch (SessionConflictException e) {
      // Another call wrote in between; the next call applies the bound.
    } catch (RuntimeException e) {
      throw new AgentException(run.id(), start, "the exchange was stored in session \""
          + session.id() + "\", but bounding it failed: " + Engine.describe(e), e);
    }
  }

  private static List<Message> before(SessionHistory history, String runId) {
    List<Message> out = new ArrayList<>();
    for (Exchange e : history.exchanges()) {
      if (e.runId().equals(runId)) {
        break;
      }
      out.addAll(e.messages());
    }
    return out;
  }

  /** The agent this call starts at; see {@link Session.Start}. */
  private String start(String agent, SessionHistory history) {
    // A resumed run goes where the run it continues went, whatever the session says now.
    JsonNode recorded = run.journal.recorded("#c1");
    if (recorded != null) {
      String path = recorded.asText();
      int cut = path.indexOf('#');
      return cut < 0 ? path : path.substring(0, cut);
    }
    if (session.start() == Session.Start.ENTRY) {
      return agent;
    }
    String last = history.lastExchange().map(Exchange::agent).orElse("");
    if (last.isEmpty() || last.equals(agent) || engine.graph().agents().stream().noneMatch(a -> a.name().equals(last))) {
      return agent;
    }
    PreparedAgent target = engine.prepared(last);
    PreparedAgent entry = engine.prepared(agent);
    boolean fits = target.spec.kind() == AgentKind.LLM
        && Arrays.equals(target.inputTypes, entry.inputTypes);
    return fits && reachable(agent, last) ? last : agent;
  }

  /** Whether {@code to} is {@code from} or reached from it through one-way handoffs. */
  private boolean reachable(String from, String to) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      String a = todo.poll();
      if (a.equals(to)) {
        return true;
      }
      if (seen.add(a)) {
        for (Edge e : engine.graph().edgesFrom(a)) {
          if (e.kind() == EdgeKind.HANDOFF) {
            todo.add(e.to());
          }
        }
      }
    }
    return false;
  }
}
