package dev.baton.examples.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.Recording;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunEvent.AgentFinished;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.model.ScriptedModel;
import org.junit.jupiter.api.Test;

class FallbackExampleTest {
  @Test
  void theBackupAnswersWhenThePrimaryModelFails() {
    ScriptedModel model = FallbackExample.script();
    Recording rec = new Recording();

    String answer = FallbackExample.run(model, rec);

    assertEquals("Up to 4 bytes: U+10000 and above take four.", answer);
    assertEquals(1, model.requests("primary").size());
    assertEquals(1, model.requests("backup").size());
    AgentFinished primary = rec.of(AgentFinished.class, f -> f.path().equals("answer/primary"))
        .getFirst();
    assertTrue(primary.error().contains("ModelCallException"), primary::toString);
    AgentFinished backup = rec.of(AgentFinished.class, f -> f.path().equals("answer/backup"))
        .getFirst();
    assertTrue(backup.succeeded());
    assertEquals(RunStatus.SUCCEEDED, rec.of(RunEvent.RunFinished.class).getFirst().status());
  }
}
