package dev.baton.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunState;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs that pause, die or race in one JVM and continue in another, through a shared database. */
class CrossProcessTest {
  @TempDir
  Path dir;

  private String database(String kind) {
    if (kind.equals("sqlite")) {
      return dir.resolve("runs.db").toString();
    }
    PostgresCluster cluster = PostgresCluster.shared();
    String name = "cross_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    return cluster.createDatabase(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void aRunPausedForApprovalInOneJvmIsApprovedAndResumedInAnother(String kind) throws Exception {
    String db = database(kind);
    String runId;
    try (Child first = new Child("pause", db)) {
      runId = first.await("PAUSED", "UNEXPECTED").substring("PAUSED ".length());
      assertEquals(0, first.exit());
    }
    try (Child second = new Child("resume", db, runId)) {
      assertEquals("RESULT answered after refund done; model calls 1, lookup 0, refund 1, slow 0",
          second.await("RESULT"));
      assertEquals(0, second.exit());
    }
    List<String> keys = new JdbcJournalStore(JournalChildMain.dataSource(db)).load(runId).stream()
        .map(JournalEntry::key).toList();
    assertTrue(keys.contains("frontDesk#out"), keys::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void aRunWhoseJvmWasKilledResumesWithoutRepeatingAStoredStep(String kind) throws Exception {
    String db = database(kind);
    String runId;
    try (Child doomed = new Child("block", db)) {
      runId = doomed.await("BLOCKED", "UNEXPECTED").substring("BLOCKED ".length());
      doomed.kill();
    }
    JdbcJournalStore store = new JdbcJournalStore(JournalChildMain.dataSource(db));
    List<String> keys = store.load(runId).stream().map(JournalEntry::key).toList();
    assertTrue(keys.contains("frontDesk#m2"), keys::toString);
    assertTrue(keys.stream().noneMatch(k -> k.startsWith("frontDesk#t2:")), keys::toString);

    // The dead process still holds the claim; on this host the resume takes it over at once.
    {
      ScriptedModel rest = ScriptedModel.builder().agent("frontDesk", s -> s.respond(r ->
          ModelResponse.text("answered after " + Desk.lastToolResult(r)))).build();
      Desk.CountingTools tools = new Desk.CountingTools();
      Object answer = Desk.orchestrator(rest, tools, RunOptions.builder().journalStore(store).build())
          .resume(RunState.fromStore(store, runId)).await();
      assertEquals("answered after slow done", answer);
      assertEquals(1, rest.callCount(), "only the turn after the killed step calls the model");
      assertEquals(0, tools.count("lookup"), "lookup was stored before the kill");
      assertEquals(1, tools.count("slow"), "slow was in flight: it runs again");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void twoProcessesResumingOneRunAtOnceExactlyOneProceeds(String kind) throws Exception {
    String db = database(kind);
    String runId;
    try (Child first = new Child("pause", db)) {
      runId = first.await("PAUSED", "UNEXPECTED").substring("PAUSED ".length());
      assertEquals(0, first.exit());
    }
    try (Child a = new Child("race", db, runId); Child b = new Child("race", db, runId)) {
      String saidA = a.await("CLAIMED", "REFUSED");
      String saidB = b.await("CLAIMED", "REFUSED");
      assertTrue(saidA.equals("CLAIMED") != saidB.equals("CLAIMED"), saidA + " / " + saidB);
      Child winner = saidA.equals("CLAIMED") ? a : b;
      String refused = saidA.equals("CLAIMED") ? saidB : saidA;
      assertTrue(refused.startsWith("REFUSED ALREADY_RUNNING: run " + runId + " is claimed by"
          + " process "), refused);
      winner.send("go");
      assertEquals("RESULT answered after refund done; model calls 1, lookup 0, refund 1, slow 0",
          winner.await("RESULT"));
      assertEquals(0, winner.exit());
    }
    long refunds = new JdbcJournalStore(JournalChildMain.dataSource(db)).load(runId).stream()
        .filter(e -> e.key().startsWith("frontDesk#t") && e.value().contains("refund done")).count();
    assertEquals(1, refunds);
  }
}
