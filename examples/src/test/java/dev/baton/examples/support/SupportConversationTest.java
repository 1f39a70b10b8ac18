package dev.baton.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.Recording;
import dev.baton.jdbc.JdbcSessionStore;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.UserMessage;
import dev.baton.runtime.session.Exchange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SupportConversationTest {
  @TempDir
  Path dir;

  @Test
  void theSecondMessageContinuesTheConversationFromTheSqliteSession() {
    ScriptedModel model = SupportConversation.script();
    Path file = dir.resolve("sessions.db");

    List<String> answers = SupportConversation.run(model, new Recording(), file);

    assertTrue(answers.get(0).startsWith("Sorry about both!"), answers.get(0));
    assertEquals("The refund from earlier (refund R-1) reaches your card in 3 to 5 business days.",
        answers.get(1));
    List<ModelRequest> desk = model.requests("frontDesk");
    assertEquals(3, desk.size());
    List<Message> seen = desk.get(2).messages();
    assertEquals(List.of("system", "user", "assistant", "user"),
        seen.stream().map(Message::role).toList(), "the first exchange, then the follow-up");
    assertEquals(new UserMessage(SupportExample.MESSAGE), seen.get(1));

    SQLiteDataSource db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + file);
    List<Exchange> stored = new JdbcSessionStore(db).load("customer-42").exchanges();
    assertEquals(2, stored.size());
    assertEquals(new UserMessage(SupportConversation.FOLLOW_UP), stored.get(1).messages().get(0));
  }
}
