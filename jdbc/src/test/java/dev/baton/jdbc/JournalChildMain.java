package dev.baton.jdbc;

import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunState;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The other process of {@link CrossProcessTest}: runs, pauses, blocks or resumes a desk run on a
 * JDBC journal, and says what it did on stdout, one line per event.
 *
 * <p>Modes: {@code pause <db>} starts a run that stops for approval and prints {@code PAUSED
 * <runId>}; {@code block <db>} starts a run whose {@code slow} tool claims the run, prints {@code
 * BLOCKED <runId>} and waits to be killed; {@code resume <db> <runId>} claims, approves and resumes
 * the run and prints {@code RESULT ...}; {@code race <db> <runId>} claims, prints {@code CLAIMED} or
 * {@code REFUSED <message>}, and after a line on stdin resumes as {@code resume} does. {@code <db>}
 * is a PostgreSQL JDBC URL or a SQLite file.
 */
public final class JournalChildMain {
  private JournalChildMain() {}

  public static void main(String[] args) throws Exception {
    JdbcJournalStore store = new JdbcJournalStore(dataSource(args[1]));
    RunOptions options = RunOptions.builder().journalStore(store).build();
    switch (args[0]) {
      case "pause" -> {
        ScriptedModel model = ScriptedModel.builder()
            .agent("frontDesk", s -> s.call("lookup", "{}").call("refund", "{}")).build();
        try {
          Desk.orchestrator(model, new Desk.CountingTools(), options).call("frontDesk", "refund A-17");
          say("UNEXPECTED finished");
        } catch (ApprovalRequiredException e) {
          say("PAUSED " + e.state().runId());
        }
      }
      case "block" -> {
        ScriptedModel model = ScriptedModel.builder()
            .agent("frontDesk", s -> s.call("lookup", "{}").call("slow", "{}")).build();
        Desk.CountingTools tools = new Desk.CountingTools() {
          @Override
          public Object invoke(String tool, ToolArguments a, RunContext context) throws Exception {
            if (tool.equals("slow")) {
              store.claim(context.runId()); // held by this process until it dies
              say("BLOCKED " + context.runId());
              new CountDownLatch(1).await(); // until the test kills this process
            }
            return super.invoke(tool, a, context);
          }
        };
        Desk.orchestrator(model, tools, options).call("frontDesk", "refund A-17");
        say("UNEXPECTED finished");
      }
      case "resume" -> {
        try (JdbcJournalStore.Claim claim = store.claim(args[2])) {
          resume(store, options, args[2]);
        }
      }
      case "race" -> {
        JdbcJournalStore.Claim claim;
        try {
          claim = store.claim(args[2]);
        } catch (RunClaimedException e) {
          say("REFUSED " + e.getClass().getSimpleName() + ": " + e.getMessage());
          return;
        }
        try (claim) {
          say("CLAIMED");
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
          resume(store, options, args[2]);
        }
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void resume(JdbcJournalStore store, RunOptions options, String runId) {
    RunState state = RunState.fromStore(store, runId);
    for (var pending : state.approvals()) {
      state = state.approve(pending.callId());
    }
    ScriptedModel rest = ScriptedModel.builder().agent("frontDesk", s -> s.respond(r ->
        ModelResponse.text("answered after " + Desk.lastToolResult(r)))).build();
    Desk.CountingTools tools = new Desk.CountingTools();
    Object result = Desk.orchestrator(rest, tools, options).resume(state).await();
    say("RESULT " + result + "; model calls " + rest.callCount() + ", lookup " + tools.count("lookup")
        + ", refund " + tools.count("refund") + ", slow " + tools.count("slow"));
  }

  static DataSource dataSource(String db) {
    if (db.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(db);
      return ds;
    }
    return Databases.sqlite(Path.of(db));
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
