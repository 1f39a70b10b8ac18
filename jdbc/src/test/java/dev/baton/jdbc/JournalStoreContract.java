package dev.baton.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunState;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JournalStore} promises; one subclass per store. */
abstract class JournalStoreContract {
  protected JournalStore store;

  protected abstract JournalStore newStore() throws Exception;

  /** A second store on the same data, as another process would open it. */
  protected JournalStore sameDataElsewhere() {
    return store;
  }

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @Test
  void entriesComeBackInOrderPerRun() {
    assertEquals(List.of(), store.load("run-none"));
    store.append("run-a", new JournalEntry("@run", "{\"graph\":\"Desk\"}"));
    store.append("run-b", new JournalEntry("x#m1", "\"b\""));
    store.append("run-a", new JournalEntry("frontDesk#m1", "{\"text\":\"héllo\\n\"}"));
    store.append("run-a", new JournalEntry("frontDesk#out", "[1,2]"));
    assertEquals(List.of(new JournalEntry("@run", "{\"graph\":\"Desk\"}"),
        new JournalEntry("frontDesk#m1", "{\"text\":\"héllo\\n\"}"),
        new JournalEntry("frontDesk#out", "[1,2]")), sameDataElsewhere().load("run-a"));
    assertEquals(List.of("run-a", "run-b"), sameDataElsewhere().runIds());
  }

  @Test
  void concurrentAppendsOfOneRunAreAllKeptEachThreadInItsOrder() throws Exception {
    int threads = 6;
    int each = 20;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> ts = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      int thread = t;
      ts.add(Thread.ofVirtual().start(() -> {
        try {
          start.await(30, TimeUnit.SECONDS);
          for (int i = 0; i < each; i++) {
            store.append("run-c", new JournalEntry("b" + thread + "#m" + i, "" + i));
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    for (Thread t : ts) {
      assertTrue(t.join(Duration.ofSeconds(120)));
    }
    assertEquals(List.of(), failures);
    List<JournalEntry> all = store.load("run-c");
    assertEquals(threads * each, all.size());
    for (int t = 0; t < threads; t++) {
      String prefix = "b" + t + "#";
      assertEquals(java.util.stream.IntStream.range(0, each).mapToObj(i -> "" + i).toList(),
          all.stream().filter(e -> e.key().startsWith(prefix)).map(JournalEntry::value).toList());
    }
  }

  @Test
  void aRunPausedForApprovalIsResumedFromTheStoreWithoutRepeatingAStep() {
    ScriptedModel first = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("lookup", "{}").call("refund", "{}")).build();
    Desk.CountingTools tools = new Desk.CountingTools();
    Run<Object> run = Desk.orchestrator(first, tools,
        RunOptions.builder().journalStore(store).build()).start("frontDesk", "refund A-17");
    assertThrows(ApprovalRequiredException.class, run::await);

    RunState state = RunState.fromStore(sameDataElsewhere(), run.id());
    assertEquals(List.of("refund"), state.approvals().stream().map(a -> a.tool()).toList());
    ScriptedModel rest = ScriptedModel.builder().agent("frontDesk", s -> s.respond(r ->
        ModelResponse.text("Refund: " + Desk.lastToolResult(r)))).build();
    Desk.CountingTools later = new Desk.CountingTools();
    Run<Object> resumed = Desk.orchestrator(rest, later,
        RunOptions.builder().journalStore(sameDataElsewhere()).build())
        .resume(state.approve(state.approvals().get(0).callId()));
    assertEquals("Refund: refund done", resumed.await());
    assertEquals(1, rest.callCount());
    assertEquals(1, tools.count("lookup"));
    assertEquals(0, later.count("lookup"));
    assertEquals(1, later.count("refund"));
    assertTrue(store.load(run.id()).stream().anyMatch(e -> e.key().equals("frontDesk#out")));
  }

  @Test
  void loadFromAnIndexReturnsTheEntriesFromThereOn() {
    for (int i = 1; i <= 4; i++) {
      store.append("run-f", new JournalEntry("a#m" + i, "{\"n\":" + i + "}"));
    }
    List<JournalEntry> all = sameDataElsewhere().load("run-f");
    assertEquals(4, all.size());
    for (int from = 0; from <= 6; from++) {
      List<JournalEntry> expected = all.subList(Math.min(from, 4), 4);
      assertEquals(expected, store.load("run-f", from), "from " + from);
      assertEquals(expected, sameDataElsewhere().load("run-f", from), "elsewhere, from " + from);
    }
    sameDataElsewhere().append("run-f", new JournalEntry("a#m5", "5"));
    assertEquals(List.of(all.get(3), new JournalEntry("a#m5", "5")), store.load("run-f", 3));
    assertEquals(List.of(), store.load("run-none", 2));
    assertThrows(IllegalArgumentException.class, () -> store.load("run-f", -1));
  }

  @Test
  void aStateReadBeforeTheRunWasFinishedElsewhereIsRefused() {
    ScriptedModel first = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("lookup", "{}").call("refund", "{}")).build();
    Run<Object> run = Desk.orchestrator(first, new Desk.CountingTools(),
        RunOptions.builder().journalStore(store).build()).start("frontDesk", "refund A-17");
    assertThrows(ApprovalRequiredException.class, run::await);
    RunState read = RunState.fromStore(store, run.id());
    RunState mine = read.approve(read.approvals().get(0).callId());

    // Another process resumes the run to its end first.
    RunState theirs = RunState.fromStore(sameDataElsewhere(), run.id());
    Desk.CountingTools tools = new Desk.CountingTools();
    Desk.orchestrator(ScriptedModel.builder().agent("frontDesk", s -> s.respond(r ->
        ModelResponse.text("done"))).build(), tools,
        RunOptions.builder().journalStore(sameDataElsewhere()).build())
        .resume(theirs.approve(theirs.approvals().get(0).callId())).await();
    assertEquals(1, tools.count("refund"));

    dev.baton.runtime.RunConflictException e = assertThrows(
        dev.baton.runtime.RunConflictException.class, () -> Desk.orchestrator(
            ScriptedModel.builder().agent("frontDesk", s -> s.respond(r -> ModelResponse.text("again")))
                .build(), tools, RunOptions.builder().journalStore(store).build()).resume(mine));
    assertEquals(dev.baton.runtime.RunConflictException.Reason.FINISHED, e.reason());
    assertEquals(1, tools.count("refund"));
  }

  @Test
  void aNewRunIdIsRefusedWhenTakenAndARunHasOneClaimAtATime() {
    store.create("run-n");
    store.append("run-n", new JournalEntry("@run", "{}"));
    dev.baton.runtime.RunConflictException taken = assertThrows(
        dev.baton.runtime.RunConflictException.class, () -> sameDataElsewhere().create("run-n"));
    assertEquals(dev.baton.runtime.RunConflictException.Reason.ID_IN_USE, taken.reason());
    try (JournalStore.Claim claim = store.claim("run-n")) {
      dev.baton.runtime.RunConflictException held = assertThrows(
          dev.baton.runtime.RunConflictException.class, () -> store.claim("run-n"));
      assertEquals(dev.baton.runtime.RunConflictException.Reason.ALREADY_RUNNING, held.reason());
    }
    try (JournalStore.Claim again = store.claim("run-n")) {
      assertEquals("run-n", again.runId());
    }
  }
}
