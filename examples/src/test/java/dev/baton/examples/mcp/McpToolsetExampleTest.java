package dev.baton.examples.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.Recording;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class McpToolsetExampleTest {
  @Test
  void theTriagerSearchesAndFilesThroughTheMcpServer() {
    ScriptedModel model = McpToolsetExample.script();
    Recording rec = new Recording();

    String answer = McpToolsetExample.run(model, rec);

    assertEquals("No existing issue; filed TRK-3.", answer);
    assertEquals(List.of("tracker_search_issues", "tracker_create_issue"),
        model.requests("triage").get(0).tools().stream().map(t -> t.name()).toList());
    List<RunEvent.ToolReturned> returned = rec.of(RunEvent.ToolReturned.class);
    assertEquals("no issue matches \"export crash\"", returned.get(0).result(), rec::timeline);
    assertTrue(returned.stream().noneMatch(RunEvent.ToolReturned::error), rec::timeline);
  }
}
