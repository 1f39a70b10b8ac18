package dev.baton.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.SystemMessage;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.UserMessage;
import dev.baton.runtime.session.Exchange;
import dev.baton.runtime.session.Session;
import dev.baton.runtime.session.SessionConflictException;
import dev.baton.runtime.session.SessionHistory;
import dev.baton.runtime.session.SessionStore;
import dev.baton.runtime.session.Summarizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} promises. Subclasses run it on one store each: in memory, SQLite,
 * PostgreSQL.
 */
abstract class SessionStoreContract {
  protected SessionStore store;

  /** A new, empty store. */
  protected abstract SessionStore newStore() throws Exception;

  /**
   * A second store on the same data as {@link #store}, as another process would open it; the same
   * store where there is no shared data.
   */
  protected SessionStore sameDataElsewhere() {
    return store;
  }

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  private static Exchange exchange(String runId, String text) {
    return new Exchange(runId, "frontDesk", List.of(new UserMessage("q " + text),
        new AssistantMessage("a " + text)), Instant.ofEpochMilli(1_700_000_000_000L));
  }

  @Test
  void aSessionTheStoreDoesNotHoldIsEmptyAtVersionZero() {
    SessionHistory h = store.load("nobody");
    assertEquals(0, h.version());
    assertTrue(h.exchanges().isEmpty());
    assertEquals(List.of(), store.sessionIds());
  }

  @Test
  void everyKindOfMessageRoundTrips() {
    List<Message> all = List.of(new SystemMessage("be brief"), new UserMessage("héllo \"quoted\"\n"),
        new AssistantMessage("", List.of(new ToolCall("c1", "lookup", "{\"order\":\"A-17\"}"))),
        new ToolMessage("c1", "lookup", "found", false), new ToolMessage("c2", "x", "Error: no", true),
        new AssistantMessage("done"));
    Exchange e = new Exchange("run-1", "billing", all, Instant.ofEpochMilli(1_700_000_000_123L));
    store.append("s", 0, e);
    SessionHistory h = store.load("s");
    assertEquals(1, h.version());
    assertEquals(List.of(e), h.exchanges());
  }

  @Test
  void exchangesKeepTheirOrderAndEachAppendMovesTheVersion() {
    for (int i = 0; i < 5; i++) {
      store.append("s", i, exchange("run-" + i, "" + i));
    }
    SessionHistory h = store.load("s");
    assertEquals(5, h.version());
    assertEquals(List.of("run-0", "run-1", "run-2", "run-3", "run-4"),
        h.exchanges().stream().map(Exchange::runId).toList());
  }

  @Test
  void aWriterThatReadAnOlderVersionIsRefusedAndStoresNothing() {
    SessionHistory first = store.load("s");
    SessionHistory second = sameDataElsewhere().load("s");
    store.append("s", first.version(), exchange("run-a", "a"));
    SessionConflictException e = assertThrows(SessionConflictException.class,
        () -> sameDataElsewhere().append("s", second.version(), exchange("run-b", "b")));
    assertEquals(0, e.expectedVersion());
    assertEquals(1, e.actualVersion());
    assertEquals("s", e.sessionId());
    assertTrue(e.getMessage().contains("run-b"), e.getMessage());
    assertEquals(List.of("run-a"), store.load("s").exchanges().stream().map(Exchange::runId).toList());
    assertThrows(SessionConflictException.class, () -> store.append("s", 7, exchange("run-c", "c")));
    assertThrows(SessionConflictException.class, () -> store.replace("s", 0, List.of()));
  }

  @Test
  void aRunStoresItsExchangeOnceWhateverVersionItRead() {
    store.append("s", 0, exchange("run-a", "a"));
    store.append("s", 1, exchange("run-b", "b"));
    store.append("s", 0, exchange("run-a", "a again"));
    SessionHistory h = store.load("s");
    assertEquals(2, h.version());
    assertEquals("a a", ((AssistantMessage) h.exchanges().get(0).messages().get(1)).text());
  }

  @Test
  void replaceClearAndDelete() {
    store.append("s", 0, exchange("run-a", "a"));
    store.append("t", 0, exchange("run-b", "b"));
    store.replace("s", 1, List.of(exchange("summary-2", "sum"), exchange("run-z", "z")));
    SessionHistory h = store.load("s");
    assertEquals(2, h.version());
    assertEquals(List.of("summary-2", "run-z"), h.exchanges().stream().map(Exchange::runId).toList());
    assertTrue(h.exchanges().get(0).isSummary());
    store.replace("s", 2, List.of());
    assertEquals(3, store.load("s").version());
    assertTrue(store.load("s").exchanges().isEmpty());
    assertEquals(List.of("s", "t"), store.sessionIds());

    assertTrue(store.delete("s"));
    assertFalse(store.delete("s"));
    assertEquals(List.of("t"), store.sessionIds());
    assertEquals(0, store.load("s").version());
    // A writer that read the session before it was deleted does not bring it back.
    assertThrows(SessionConflictException.class, () -> store.append("s", 3, exchange("run-c", "c")));
    assertEquals(List.of("t"), store.sessionIds());
  }

  @Test
  void concurrentWritersNeverLoseOrInterleaveExchanges() throws Exception {
    int writers = 4;
    int each = 10;
    CyclicBarrier start = new CyclicBarrier(writers);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      SessionStore mine = writer % 2 == 0 ? store : sameDataElsewhere();
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          start.await(30, TimeUnit.SECONDS);
          for (int i = 0; i < each; i++) {
            while (true) {
              SessionHistory h = mine.load("busy");
              try {
                mine.append("busy", h.version(), exchange("w" + writer + "-" + i, writer + ":" + i));
                break;
              } catch (SessionConflictException e) {
                conflicts.incrementAndGet();
              }
            }
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    for (Thread t : threads) {
      assertTrue(t.join(java.time.Duration.ofSeconds(120)), "a writer did not finish");
    }
    assertEquals(List.of(), failures);
    SessionHistory h = store.load("busy");
    assertEquals(writers * each, h.version());
    assertEquals(writers * each, h.exchanges().size());
    Set<String> ids = new HashSet<>();
    for (Exchange e : h.exchanges()) {
      assertTrue(ids.add(e.runId()));
      // Each exchange's two messages are its own.
      String tag = e.runId().substring(1).replace('-', ':');
      assertEquals(List.of(new UserMessage("q " + tag), new AssistantMessage("a " + tag)), e.messages());
    }
    // Each writer's exchanges are in its own order.
    for (int w = 0; w < writers; w++) {
      String prefix = "w" + w + "-";
      List<String> mine = h.exchanges().stream().map(Exchange::runId).filter(r -> r.startsWith(prefix)).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        expected.add(prefix + i);
      }
      assertEquals(expected, mine);
    }
  }

  @Test
  void aConversationContinuesThroughTheStore() {
    AgentGraph g = AgentGraph.builder("Desk")
        .llmAgent("frontDesk", a -> a.instructions("Answer.").input("message", String.class))
        .build();
    ScriptedModel model = ScriptedModel.builder().agent("frontDesk", s -> s.otherwise(r ->
        ModelResponse.text("seen " + r.messages().size()))).build();
    Session session = store.session("customer-42");
    Orchestrator o = Orchestrator.builder(g).model(model)
        .options(RunOptions.builder().session(session).build()).build();
    assertEquals("seen 2", o.call("frontDesk", "hello"));
    Orchestrator elsewhere = Orchestrator.builder(g).model(model)
        .options(RunOptions.builder().session(sameDataElsewhere().session("customer-42")).build())
        .build();
    assertEquals("seen 4", elsewhere.call("frontDesk", "again"));
    assertEquals("seen 6", o.call("frontDesk", "and again"));
    assertEquals(List.of(new UserMessage("hello"), new AssistantMessage("seen 2"),
        new UserMessage("again"), new AssistantMessage("seen 4"), new UserMessage("and again"),
        new AssistantMessage("seen 6")), session.history().messages());

    assertTrue(session.keepLast(1, dropped -> List.of(new UserMessage(dropped.size() + " dropped"))));
    assertEquals(List.of(new UserMessage("2 dropped"), new UserMessage("and again"),
        new AssistantMessage("seen 6")), session.history().messages());
    assertEquals("seen 5", o.call("frontDesk", "after the summary"));
    assertFalse(session.keepLast(5, Summarizer.DROP));
    session.clear();
    assertEquals("seen 2", o.call("frontDesk", "fresh"));
  }
}
