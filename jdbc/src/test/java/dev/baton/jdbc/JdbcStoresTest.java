package dev.baton.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.RunConflictException;
import dev.baton.runtime.Threads;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.UserMessage;
import dev.baton.runtime.session.Exchange;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Schema versions, corrupt and foreign rows, and claims, on SQLite and PostgreSQL. */
class JdbcStoresTest {
  @TempDir
  Path dir;

  private DataSource db(String kind) {
    return kind.equals("sqlite") ? Databases.sqlite(dir.resolve("stores.db")) : Databases.postgres();
  }

  private static void sql(DataSource db, String statement) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void aDatabaseWrittenByANewerBatonFailsClearly(String kind) throws Exception {
    DataSource db = db(kind);
    new JdbcSessionStore(db).sessionIds(); // creates the tables
    sql(db, "UPDATE baton_schema SET version = 7 WHERE component = 'baton'");
    IllegalStateException sessions = assertThrows(IllegalStateException.class,
        () -> new JdbcSessionStore(db).load("s"));
    assertTrue(sessions.getMessage().contains("schema version 7"), sessions.getMessage());
    assertTrue(sessions.getMessage().contains("newer Baton"), sessions.getMessage());
    IllegalStateException journal = assertThrows(IllegalStateException.class,
        () -> new JdbcJournalStore(db).append("run-1", new JournalEntry("k", "1")));
    assertTrue(journal.getMessage().contains("reads version 1"), journal.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void aCorruptOrForeignExchangeRowIsNamed(String kind) throws Exception {
    DataSource db = db(kind);
    JdbcSessionStore store = new JdbcSessionStore(db);
    for (int i = 0; i < 3; i++) {
      store.append("customer-42", i, new Exchange("run-" + i, "frontDesk", List.of(
          new UserMessage("q"), new AssistantMessage("a")), Instant.now()));
    }
    sql(db, "UPDATE baton_session_exchange SET messages = '[{\"role\":' WHERE position = 2");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.load("customer-42"));
    for (String part : List.of("baton_session_exchange", "customer-42", "position 2", "run-1", "not JSON")) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
    sql(db, "UPDATE baton_session_exchange SET messages = '[{\"role\":\"robot\",\"text\":\"x\"}]'"
        + " WHERE position = 2");
    e = assertThrows(IllegalStateException.class, () -> store.load("customer-42"));
    assertTrue(e.getMessage().contains("position 2") && e.getMessage().contains("robot"), e.getMessage());
    sql(db, "UPDATE baton_session_exchange SET messages = '{\"role\":\"user\"}' WHERE position = 2");
    e = assertThrows(IllegalStateException.class, () -> store.load("customer-42"));
    assertTrue(e.getMessage().contains("not a JSON array"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void aCorruptJournalRowIsNamed(String kind) throws Exception {
    DataSource db = db(kind);
    JdbcJournalStore store = new JdbcJournalStore(db);
    store.append("run-7", new JournalEntry("frontDesk#m1", "{\"text\":\"ok\"}"));
    store.append("run-7", new JournalEntry("frontDesk#m2", "{\"text\":\"ok\"}"));
    sql(db, "UPDATE baton_journal SET entry_value = '{\"text\":' WHERE seq = 2");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.load("run-7"));
    for (String part : List.of("baton_journal", "run run-7", "seq 2", "frontDesk#m2", "not JSON")) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
    sql(db, "UPDATE baton_journal SET entry_key = '' WHERE seq = 2");
    e = assertThrows(IllegalStateException.class, () -> store.load("run-7"));
    assertTrue(e.getMessage().contains("no entry_key"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void oneClaimPerRunUntilItIsClosedAndNoneOnceItEnded(String kind) {
    DataSource db = db(kind);
    JdbcJournalStore store = new JdbcJournalStore(db);
    JdbcJournalStore other = new JdbcJournalStore(db);
    store.create("run-1");
    RunConflictException exists = assertThrows(RunConflictException.class, () -> other.create("run-1"));
    assertEquals(RunConflictException.Reason.ID_IN_USE, exists.reason());

    try (JournalStore.Claim claim = store.claim("run-1")) {
      assertEquals("run-1", claim.runId());
      assertTrue(Threads.live("claim-run-1").contains("baton-claim-run-1"), "the renewal is seen");
      RunConflictException held = assertThrows(RunConflictException.class, () -> other.claim("run-1"));
      assertEquals(RunConflictException.Reason.ALREADY_RUNNING, held.reason());
      assertTrue(held.getMessage().contains("claimed by process " + ProcessHandle.current().pid()),
          held.getMessage());
      claim.close();
      claim.close(); // idempotent
    }
    try (JournalStore.Claim again = other.claim("run-1")) {
      assertEquals("run-1", again.runId());
    }
    store.append("run-1", new JournalEntry(JournalStore.END_KEY, "{\"status\":\"SUCCEEDED\"}"));
    RunConflictException finished = assertThrows(RunConflictException.class, () -> other.claim("run-1"));
    assertEquals(RunConflictException.Reason.FINISHED, finished.reason());
    // A run the store does not hold yet (a state from JSON resumed into this database) is claimable.
    try (JournalStore.Claim fresh = other.claim("run-2")) {
      assertEquals(List.of("run-1", "run-2"), other.runIds());
    }
    // Closed claims joined their renewal threads (virtual: only a thread dump lists them).
    assertEquals(java.util.Set.of(), Threads.live("claim-"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void theClaimOfAProcessThatDiedOnThisHostIsTakenOver(String kind) throws Exception {
    DataSource db = db(kind);
    JdbcJournalStore store = new JdbcJournalStore(db);
    store.create("run-1");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    sql(db, "UPDATE baton_run SET claim_holder = '" + gone.pid() + "@"
        + java.net.InetAddress.getLocalHost().getHostName() + "', claim_token = 'x',"
        + " claimed_until = " + (System.currentTimeMillis() + 3_600_000L));
    try (JournalStore.Claim claim = store.claim("run-1")) {
      assertEquals("run-1", claim.runId());
      assertTrue(Threads.live("claim-run-1").contains("baton-claim-run-1"), "the renewal is seen");
    }
    sql(db, "UPDATE baton_run SET claim_holder = '1@elsewhere.example', claim_token = 'y',"
        + " claimed_until = " + (System.currentTimeMillis() + 3_600_000L));
    assertThrows(RunConflictException.class, () -> store.claim("run-1"));
    sql(db, "UPDATE baton_run SET claimed_until = " + (System.currentTimeMillis() - 1));
    try (JournalStore.Claim claim = store.claim("run-1")) {
      assertEquals("run-1", claim.runId());
      assertTrue(Threads.live("claim-run-1").contains("baton-claim-run-1"), "the renewal is seen"); // its lease ran out
    }
  }

  @org.junit.jupiter.api.Test
  void noCredentialReachesAStoreName() throws Exception {
    assertEquals("jdbc:postgresql://db.example:5432/baton",
        Describe.url("jdbc:postgresql://app:s3cret@db.example:5432/baton?password=s3cret&ssl=true"));
    assertEquals("jdbc:sqlserver://h:1433", Describe.url("jdbc:sqlserver://h:1433;password=s3cret"));
    String name = "secrets_" + ProcessHandle.current().pid();
    PostgresCluster cluster = PostgresCluster.shared();
    cluster.createDatabase(name);
    org.postgresql.ds.PGSimpleDataSource ds = cluster.dataSource(name);
    ds.setPassword("s3cret-pw"); // trust authentication ignores it; it must still not show
    ds.setUrl(ds.getUrl() + "&password=s3cret-pw");
    JdbcJournalStore store = new JdbcJournalStore(ds);
    store.append("run-1", new JournalEntry("k", "1"));
    assertFalse(store.toString().contains("s3cret"), store.toString());
    assertTrue(store.toString().contains("/" + name), store.toString());
    sql(ds, "UPDATE baton_journal SET entry_value = 'x'");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.load("run-1"));
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }
}
