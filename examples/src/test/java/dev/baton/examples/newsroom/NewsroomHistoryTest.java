package dev.baton.examples.newsroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.SystemMessage;
import dev.baton.runtime.model.UserMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the writer and the editor are sent with {@code history = NONE} (the newsroom as shipped)
 * and with the default {@code CONVERSATION}: the shared conversation repeats every output the desk
 * also passes on as an argument. Writes both sets of requests to {@code
 * target/newsroom-history/*.json} for counting tokens (docs/architecture.md says how).
 */
class NewsroomHistoryTest {
  @Test
  void passedOnOutputsReachEachAgentOnceWithoutTheConversation() throws IOException {
    ScriptedModel none = NewsroomExample.script();
    String article = NewsroomRunner.builder().model(none).build().newsroom(NewsroomExample.TOPIC);
    ScriptedModel shared = NewsroomExample.script();
    NewsroomSharedHistory sharedDesk = NewsroomSharedHistoryRunner.builder().model(shared).build();
    assertEquals(article, sharedDesk.newsroom(NewsroomExample.TOPIC), "same article either way");

    String notes = said(shared.requests("write").getFirst()).getFirst();
    String draft = said(shared.requests("edit").getFirst()).getLast();
    assertTrue(notes.startsWith("Four night lines") && draft.startsWith("From 3 March"));
    assertEquals(1, occurrences(none.requests("write").getFirst(), notes));
    assertEquals(1, occurrences(none.requests("edit").getFirst(), draft));
    assertEquals(2, occurrences(shared.requests("write").getFirst(), notes));
    assertEquals(2, occurrences(shared.requests("edit").getFirst(), draft));
    assertEquals(2, occurrences(shared.requests("edit").getFirst(), notes));

    int noneChars = characters(none);
    int sharedChars = characters(shared);
    assertTrue(noneChars < sharedChars);
    Path dir = Path.of("target", "newsroom-history");
    Files.createDirectories(dir);
    write(dir.resolve("none.json"), none);
    write(dir.resolve("conversation.json"), shared);
    System.out.printf("newsroom request characters: history NONE %d, CONVERSATION %d%n",
        noneChars, sharedChars);
  }

  // The outputs as the shared conversation carries them: the assistant messages, in order.
  private static List<String> said(ModelRequest r) {
    return r.messages().stream().filter(m -> m instanceof AssistantMessage)
        .map(m -> ((AssistantMessage) m).text()).toList();
  }

  private static int occurrences(ModelRequest request, String text) {
    int n = 0;
    for (Message m : request.messages()) {
      String content = text(m);
      for (int i = content.indexOf(text); i >= 0; i = content.indexOf(text, i + 1)) {
        n++;
      }
    }
    return n;
  }

  private static String text(Message m) {
    return switch (m) {
      case SystemMessage s -> s.text();
      case UserMessage u -> u.text();
      case AssistantMessage a -> a.text();
      default -> "";
    };
  }

  private static int characters(ScriptedModel model) {
    return model.requests().stream().flatMap(r -> r.messages().stream())
        .mapToInt(m -> text(m).length()).sum();
  }

  private static void write(Path file, ScriptedModel model) throws IOException {
    List<Map<String, Object>> requests = new ArrayList<>();
    for (ModelRequest r : model.requests()) {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("agent", r.agent());
      request.put("messages", r.messages().stream().map(m -> Map.of("role", m.role(), "content",
          text(m))).toList());
      requests.add(request);
    }
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), requests);
  }
}
