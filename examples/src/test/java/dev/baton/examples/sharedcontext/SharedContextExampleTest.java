package dev.baton.examples.sharedcontext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.Recording;
import dev.baton.examples.Transcripts;
import dev.baton.examples.sharedcontext.CaseFile.Decision;
import dev.baton.examples.sharedcontext.CaseFile.Finding;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedContextExampleTest {
  @Test
  void toolsFillTheCaseFileFromEveryBranch() {
    ScriptedModel model = SharedContextExample.script();
    Recording rec = new Recording();

    SharedContextExample.Review review = SharedContextExample.run(model, rec);

    CaseFile file = review.file();
    assertEquals(3, file.findings().size(), rec::timeline);
    assertEquals(List.of("postmortem/investigate/logs", "postmortem/investigate/logs",
        "postmortem/investigate/metrics"),
        file.findings().stream().map(Finding::source).sorted().toList());
    assertTrue(file.findings().stream()
        .anyMatch(f -> f.text().equals("Payments connection pool at 0 of 50 from 09:12 to 09:26.")));
    assertEquals(List.of(new Decision("Rotate secrets in a separate step before deploys", "payments")),
        file.decisions());
    assertTrue(review.conclusion().startsWith("Root cause:"), review.conclusion());

    // The lead read what both investigators wrote.
    String read = Transcripts.toolResult(model.requests("lead").get(1), "findings");
    assertTrue(read.contains("rotated the database password") && read.contains("connection pool"), read);
    // The case file is injected, not part of the tool's schema.
    ToolDefinition addFinding = model.requests("logs").getFirst().tools().stream()
        .filter(t -> t.name().equals("addFinding")).findFirst().orElseThrow();
    assertFalse(addFinding.parametersSchema().contains("\"file\""), addFinding.parametersSchema());
  }
}
