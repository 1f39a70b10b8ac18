package dev.baton.jdbc;

import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.RunConflictException;
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
 * BLOCKED <runId>} and waits to be killed; {@code resume <db> <runId>} approves and resumes the
 * run and prints {@code RESULT ...}; {@code race <db> <runId>} resumes too, but its first model
 * call prints {@code CLAIMED} and waits for a line on stdin; a resume refused prints {@code
 * REFUSED <reason>: <message>}. {@code <db>} is a PostgreSQL JDBC URL or a SQLite file.
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
              say("BLOCKED " + context.runId()); // the run holds its claim until this process dies
              new CountDownLatch(1).await(); // until the test kills this process
            }
            return super.invoke(tool, a, context);
          }
        };
        Desk.orchestrator(model, tools, options).call("frontDesk", "refund A-17");
        say("UNEXPECTED finished");
      }
      case "resume" -> resume(options, args[2], false);
      case "race" -> resume(options, args[2], true);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  // Resumes the run (the runtime claims it). In a race, the model's first call says CLAIMED and
  // waits for a line on stdin, so the claim is held while the other process tries.
  private static void resume(RunOptions options, String runId, boolean race) throws Exception {
    JournalStore store = options.journalStore().orElseThrow();
    RunState state = RunState.fromStore(store, runId);
    for (var pending : state.approvals()) {
      state = state.approve(pending.callId());
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    ScriptedModel rest = ScriptedModel.builder().agent("frontDesk", s -> s.respond(r -> {
      if (race) {
        say("CLAIMED");
        try {
          in.readLine();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return ModelResponse.text("answered after " + Desk.lastToolResult(r));
    })).build();
    Desk.CountingTools tools = new Desk.CountingTools();
    Object result;
    try {
      result = Desk.orchestrator(rest, tools, options).resume(state).await();
    } catch (RunConflictException e) {
      say("REFUSED " + e.reason() + ": " + e.getMessage());
      return;
    }
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
