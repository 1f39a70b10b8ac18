package dev.baton.examples.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.Recording;
import dev.baton.examples.Transcripts;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupervisorExampleTest {
  @Test
  void workersRunAsToolsOnFreshConversations() {
    ScriptedModel model = SupervisorExample.script();
    Recording rec = new Recording();

    String answer = SupervisorExample.run(model, rec);

    assertTrue(answer.startsWith("South grew fastest"), answer);
    assertEquals(3, model.requests("supervisor").size());
    ModelRequest data = model.requests("dataWorker").getFirst();
    assertEquals("supervisor+dataWorker", data.path());
    assertNotNull(data.output(), "List<Row> is requested as structured output");
    assertEquals(2, data.messages().size(), "a delegate starts on a fresh conversation");
    assertEquals("supervisor+writer", model.requests("writer").getFirst().path());
    // The rows were parsed into records and back to JSON before reaching the writer.
    String facts = Transcripts.input(model.requests("writer").getFirst());
    assertTrue(facts.contains("\"region\":\"south\",\"q2\":2.0,\"q3\":2.6"), facts);
    assertEquals(List.of("dataWorker", "write_summary"), rec.of(RunEvent.ToolReturned.class).stream()
        .map(RunEvent.ToolReturned::tool).toList(), rec::timeline);
    assertTrue(rec.of(RunEvent.HandoffOccurred.class).isEmpty());
  }
}
