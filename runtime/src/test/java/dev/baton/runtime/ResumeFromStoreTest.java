package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ResumeFixtures.CountingTools;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state read with {@link RunState#fromStore} and resumed through the same store object: the
 * resume reads only what the store holds after what was read, and the store stays the authority.
 * Whatever happened to the journal between the read and the resume (another process resumed the
 * run to its end, or to its next pause, or the journal was replaced), the resume sees it.
 */
@ExtendWith(NoRunThreadsLeft.class)
class ResumeFromStoreTest {
  @TempDir Path dir;

  private static Orchestrator desk(JournalStore store, ScriptedModel model, CountingTools tools) {
    return Orchestrator.builder(ResumeFixtures.desk()).model(model).tools(OWNER, tools)
        .options(RunOptions.builder().journalStore(store).build()).build();
  }

  /** Pauses a run on its first refund; returns its id. */
  private static String pausedOnRefund(JournalStore store) {
    ScriptedModel first = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("lookup", "{}").call("refund", "{}")).build();
    Run<Object> run = desk(store, first, new CountingTools()).start("frontDesk", "refund A-17");
    assertThrows(ApprovalRequiredException.class, run::await);
    return run.id();
  }

  private static RunState approved(JournalStore store, String runId) {
    RunState state = RunState.fromStore(store, runId);
    return state.approve(state.approvals().get(0).callId());
  }

  private static ScriptedModel finishing() {
    return ScriptedModel.builder().agent("frontDesk", s -> s.respond(r -> ModelResponse.text(
        "Refund: " + ResumeFixtures.lastToolResult(r).content()))).build();
  }

  @Test
  void aStateReadAndResumedThroughOneStoreFinishesTheRunOnce() {
    JournalStore store = JournalStore.file(dir);
    String id = pausedOnRefund(store);
    CountingTools tools = new CountingTools();
    ScriptedModel rest = finishing();

    assertEquals("Refund: refund done", desk(store, rest, tools).resume(approved(store, id)).await());

    assertEquals(1, tools.count("refund"));
    assertEquals(0, tools.count("lookup"));
    assertEquals(1, rest.callCount());
    List<JournalEntry> stored = JournalStore.file(dir).load(id);
    assertEquals(JournalStore.END_KEY, stored.get(stored.size() - 1).key());
    assertEquals(1, stored.stream().filter(e -> e.key().equals(JournalStore.DECISION_KEY)).count());
  }

  @Test
  void aRunFinishedElsewhereAfterTheStateWasReadIsNotResumedAgain() {
    for (boolean sameStoreElsewhere : new boolean[] {true, false}) {
      Path runs = dir.resolve("finished-" + sameStoreElsewhere);
      JournalStore store = JournalStore.file(runs);
      String id = pausedOnRefund(store);
      RunState mine = approved(store, id);
      // Meanwhile the run is resumed to its end: through this store object, or another process.
      JournalStore elsewhere = sameStoreElsewhere ? store : JournalStore.file(runs);
      CountingTools tools = new CountingTools();
      assertEquals("Refund: refund done",
          desk(elsewhere, finishing(), tools).resume(approved(elsewhere, id)).await());

      RunConflictException e = assertThrows(RunConflictException.class,
          () -> desk(store, finishing(), tools).resume(mine));

      assertEquals(RunConflictException.Reason.FINISHED, e.reason());
      assertEquals(1, tools.count("refund"), "sameStoreElsewhere=" + sameStoreElsewhere);
    }
  }

  @Test
  void stepsStoredElsewhereAfterTheStateWasReadAreReplayedNotRunAgain() {
    JournalStore store = JournalStore.file(dir);
    String id = pausedOnRefund(store);
    RunState mine = approved(store, id);
    // Another process resumes first: the refund runs, and the model asks for a second one.
    CountingTools tools = new CountingTools();
    JournalStore other = JournalStore.file(dir);
    ScriptedModel again = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("refund", "{\"second\":true}")).build();
    ApprovalRequiredException second = assertThrows(ApprovalRequiredException.class,
        () -> desk(other, again, tools).resume(approved(other, id)).await());
    assertEquals(1, tools.count("refund"));

    // The older state, resumed through the store it was read from, replays what the other process
    // stored: no model call, no second refund, and the run pauses on the same second approval.
    ScriptedModel none = ScriptedModel.builder().agent("frontDesk", s -> { }).build();
    ApprovalRequiredException paused = assertThrows(ApprovalRequiredException.class,
        () -> desk(store, none, tools).resume(mine).await());

    assertEquals(0, none.callCount());
    assertEquals(1, tools.count("refund"));
    assertEquals(second.state().approvals(), paused.state().approvals());
    assertEquals(second.state().journal(), paused.state().journal());
  }

  @Test
  void aCodeAgentThatCallsAnotherAgentOnReplayIsStoppedNamingBothPaths() {
    JournalStore store = JournalStore.file(dir);
    java.util.concurrent.atomic.AtomicBoolean replaying =
        new java.util.concurrent.atomic.AtomicBoolean();
    CodeAgent body = (o, args) -> {
      // Not deterministic: the first call depends on something outside the run.
      String notes = o.call(replaying.get() ? "outline" : "research", args[0]);
      return o.call("write", notes);
    };
    ScriptedModel model = ScriptedModel.builder()
        .agent("research", s -> s.reply("notes"))
        .agent("outline", s -> s.reply("an outline"))
        .agent("write", s -> s.call("publish", "{}").reply("article"))
        .build();
    CountingTools tools = new CountingTools();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.pipeline()).model(model)
        .tools(OWNER, tools).codeAgent("pipeline", body)
        .options(RunOptions.builder().journalStore(store).build()).build();
    Run<Object> run = o.start("pipeline", "otters");
    assertThrows(ApprovalRequiredException.class, run::await);

    replaying.set(true);
    AgentException e = assertThrows(AgentException.class,
        () -> o.resume(approved(store, run.id())).await());

    assertTrue(e.getMessage().contains("diverges from its journal"), e.getMessage());
    assertTrue(e.getMessage().contains("\"pipeline/research\"")
        && e.getMessage().contains("\"pipeline/outline\""), e.getMessage());
    assertEquals(0, tools.count("publish"));
  }

  @Test
  void aJournalReplacedAfterTheStateWasReadIsReadWhole() throws Exception {
    JournalStore store = JournalStore.file(dir);
    String id = pausedOnRefund(store);
    RunState mine = approved(store, id);
    // Another process finishes the run; then the file is written anew (a copy restored from a
    // backup, say): same entries, another file.
    JournalStore other = JournalStore.file(dir);
    CountingTools tools = new CountingTools();
    desk(other, finishing(), tools).resume(approved(other, id)).await();
    Path file = dir.resolve(id + ".jsonl");
    byte[] bytes = Files.readAllBytes(file);
    Files.delete(file);
    Files.write(file, bytes);

    Supplier<Run<Object>> resume = () -> desk(store, finishing(), tools).resume(mine);
    RunConflictException e = assertThrows(RunConflictException.class, resume::get);

    assertEquals(RunConflictException.Reason.FINISHED, e.reason());
    assertEquals(1, tools.count("refund"));
    assertTrue(e.getMessage().contains(JournalStore.END_KEY), e.getMessage());
  }

  @Test
  void aValueThatIsNotJsonAppendedAfterTheStateWasReadIsRefusedNamingItsEntry() {
    // The in-memory store hands back what it was given; a store of the application's may too.
    JournalStore store = JournalStore.inMemory();
    String id = pausedOnRefund(store);
    RunState mine = approved(store, id);
    int before = store.load(id).size();
    store.append(id, new JournalEntry("frontDesk#m3", "{not json"));
    CountingTools tools = new CountingTools();

    InvalidRunStateException e = assertThrows(InvalidRunStateException.class,
        () -> desk(store, finishing(), tools).resume(mine));

    assertTrue(e.getMessage().contains(id), e.getMessage());
    assertTrue(e.problems().stream().anyMatch(p -> p.contains("entry " + (before + 1))
        && p.contains("frontDesk#m3") && p.contains("not JSON")), () -> "" + e.problems());
    assertEquals(0, tools.count("refund"));
    // Refused before anything was written or claimed: the journal is as it was.
    assertEquals(before + 1, store.load(id).size());
  }
}
