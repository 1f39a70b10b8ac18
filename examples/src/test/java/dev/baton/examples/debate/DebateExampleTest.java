package dev.baton.examples.debate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.Recording;
import dev.baton.examples.debate.Debate.Verdict;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebateExampleTest {
  @Test
  void threeRoundsThenATypedVerdict() {
    ScriptedModel model = DebateExample.script();
    Recording rec = new Recording();

    Verdict verdict = DebateExample.run(model, rec);

    assertEquals("pro", verdict.winner());
    assertEquals(7, verdict.score());
    assertEquals(List.of("pro", "con", "pro", "con", "pro", "con", "judge"),
        model.requests().stream().map(ModelRequest::agent).toList());
    assertEquals(List.of("debate/pro", "debate/con", "debate/pro#2", "debate/con#2",
        "debate/pro#3", "debate/con#3", "debate/judge"),
        model.requests().stream().map(ModelRequest::path).toList());
    assertNotNull(model.requests("judge").getFirst().output(), "Verdict is structured output");

    // The sides share the debate's conversation: in round three, pro has heard con's second reply.
    List<String> heard = model.requests("pro").get(2).messages().stream()
        .filter(m -> m instanceof AssistantMessage).map(m -> ((AssistantMessage) m).text()).toList();
    assertTrue(heard.contains("Writing everything down is slow when a whiteboard takes five minutes."),
        heard::toString);
    assertEquals(8, rec.of(RunEvent.AgentStarted.class).size(), rec::timeline);
    // The judge reads the rounds once, in its transcript: instructions and input only.
    assertEquals(2, model.requests("judge").getFirst().messages().size());
  }
}
