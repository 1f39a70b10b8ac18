package dev.baton.examples.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.Recording;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunEvent.HandoffOccurred;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterExampleTest {
  @Test
  void exactlyOneRouteIsTaken() {
    ScriptedModel model = RouterExample.script();
    Recording rec = new Recording();

    String answer = RouterExample.run(model, rec);

    assertTrue(answer.startsWith("Yes: from 50 seats the team plan is 20% off"), answer);
    List<HandoffOccurred> handoffs = rec.of(HandoffOccurred.class);
    assertEquals(1, handoffs.size(), rec::timeline);
    assertEquals("sales", handoffs.getFirst().to());
    assertFalse(handoffs.getFirst().back());
    assertEquals(1, model.requests("router").size(), "the router does not speak after a one-way handoff");
    assertEquals(1, model.requests("sales").size());
    assertTrue(model.requests("billing").isEmpty());
    assertTrue(model.requests("technical").isEmpty());
    assertEquals(List.of("router", "router>sales"),
        rec.of(RunEvent.AgentStarted.class).stream().map(RunEvent::path).toList());
  }
}
