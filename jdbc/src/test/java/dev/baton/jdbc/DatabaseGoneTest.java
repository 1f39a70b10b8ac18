package dev.baton.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.AgentException;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunState;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.session.SessionStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL server that goes away in the middle of a run: the run fails naming the store,
 * nothing stored is lost, and once the server is back the run resumes from what it stored.
 */
class DatabaseGoneTest {
  @Test
  void aRunWhoseDatabaseGoesAwayFailsNamingTheStoreAndResumesWhenItIsBack() throws Exception {
    try (PostgresCluster cluster = PostgresCluster.start()) {
      cluster.createDatabase("gone");
      JdbcJournalStore store = new JdbcJournalStore(cluster.dataSource("gone"));
      SessionStore sessions = new JdbcSessionStore(cluster.dataSource("gone"));
      ScriptedModel model = ScriptedModel.builder()
          .agent("frontDesk", s -> s.call("lookup", "{}").reply("unreachable")).build();
      Desk.CountingTools tools = new Desk.CountingTools() {
        @Override
        public Object invoke(String tool, ToolArguments a, RunContext context) throws Exception {
          cluster.kill(); // the database goes away while the tool runs
          return super.invoke(tool, a, context);
        }
      };
      RunOptions options = RunOptions.builder().journalStore(store)
          .session(sessions.session("customer-42")).build();
      Run<Object> run = Desk.orchestrator(model, tools, options).start("frontDesk", "where is A-17?");
      AgentException failed = assertThrows(AgentException.class, run::await);
      assertEquals(RunStatus.FAILED, run.status());
      assertTrue(failed.getMessage().contains("journal store JdbcJournalStore(jdbc:postgresql://127.0.0.1:"), failed.getMessage());
      assertEquals(1, model.callCount());

      cluster.restart();
      List<String> keys = store.load(run.id()).stream().map(JournalEntry::key).toList();
      assertTrue(keys.contains("@run") && keys.contains("frontDesk#m1"), keys::toString);
      assertEquals(0, sessions.load("customer-42").version(), "a failed call leaves no exchange");

      ScriptedModel rest = ScriptedModel.builder()
          .agent("frontDesk", s -> s.respond(r -> ModelResponse.text("found: "
              + Desk.lastToolResult(r)))).build();
      Object answer = Desk.orchestrator(rest, new Desk.CountingTools(), options)
          .resume(RunState.fromStore(store, run.id())).await();
      assertEquals("found: lookup done", answer);
      assertEquals(1, rest.callCount(), "the stored model turn is not repeated");
      assertEquals(1, sessions.load("customer-42").exchanges().size());
    }
  }
}
