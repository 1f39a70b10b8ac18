package dev.baton.examples.support;

import dev.baton.jdbc.JdbcSessionStore;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.session.Session;
import dev.baton.runtime.session.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sqlite.SQLiteDataSource;

/**
 * The {@link Support} desk over two messages of one customer: the conversation lives in a session
 * in a SQLite file, so the second call's front desk sees the first exchange.
 */
public final class SupportConversation {
  /** The customer's second message. */
  public static final String FOLLOW_UP = "Thanks! When will I see the money again?";

  private SupportConversation() {}

  /**
   * The offline script: {@link SupportExample#script()}, then a front desk that answers the
   * follow-up from what it said before.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return SupportExample.scriptBuilder()
        .agent("frontDesk", s -> s.respond(r -> ModelResponse.text(
            "The refund from earlier (" + refundSaid(r.messages()) + ") reaches your card in"
                + " 3 to 5 business days.")))
        .build();
  }

  // What the front desk said about the refund in the first exchange, as the session kept it.
  private static String refundSaid(List<Message> messages) {
    for (Message m : messages) {
      if (m instanceof AssistantMessage a && a.text().contains("refund R-")) {
        int at = a.text().indexOf("refund R-");
        return a.text().substring(at, a.text().indexOf(':', at));
      }
    }
    return "none found";
  }

  /**
   * Runs both messages through one session in a SQLite file.
   *
   * @param model the model
   * @param listener sees every event of both calls
   * @param database the SQLite file; created if missing
   * @return the two answers
   */
  public static List<String> run(Model model, RunListener listener, Path database) {
    SQLiteDataSource db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + database);
    SessionStore store = new JdbcSessionStore(db);
    Session session = store.session("customer-42");
    Support desk = SupportRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(listener).session(session).build())
        .build();
    String first = desk.frontDesk(SupportExample.MESSAGE);
    String second = desk.frontDesk(FOLLOW_UP);
    return List.of(first, second);
  }

  /**
   * Runs both messages in a temporary SQLite file, deleted afterwards.
   *
   * @param model the model
   * @param listener sees every event
   * @return the two answers
   */
  public static List<String> runInTemporaryFile(Model model, RunListener listener) {
    try {
      Path dir = Files.createTempDirectory("baton-support-");
      try {
        return run(model, listener, dir.resolve("sessions.db"));
      } finally {
        try (var files = Files.list(dir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs offline, or against the model configured by {@code OPENAI_API_KEY} or {@code
   * OPENAI_BASE_URL}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    List<String> answers = runInTemporaryFile(Models.fromEnvOr(script()),
        RunEvents.printer(System.out));
    System.out.println();
    answers.forEach(System.out::println);
  }
}
