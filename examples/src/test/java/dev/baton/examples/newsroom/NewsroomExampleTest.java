package dev.baton.examples.newsroom;

import static dev.baton.examples.Transcripts.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.Recording;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewsroomExampleTest {
  @Test
  void researchWriteEditInSequence() {
    ScriptedModel model = NewsroomExample.script();
    Recording rec = new Recording();

    String article = NewsroomExample.run(model, rec);

    assertTrue(article.startsWith("Night buses start 3 March\n\nFrom 3 March, four night bus lines"),
        article);
    assertEquals(List.of("research", "write", "edit"),
        model.requests().stream().map(ModelRequest::agent).toList());
    assertEquals(List.of("newsroom", "newsroom/research", "newsroom/write", "newsroom/edit"),
        rec.of(RunEvent.AgentStarted.class).stream().map(RunEvent::path).toList());
    assertEquals("CODE", rec.of(RunEvent.AgentStarted.class).getFirst().kind());

    // The prompt template carries the research notes to the writer; the streamed draft
    // reaches the editor as its input.
    String writerInput = input(model.requests("write").getFirst());
    assertTrue(writerInput.startsWith("Write about the city's new night buses using these facts:\n"
        + "Four night lines start on 3 March."), writerInput);
    assertTrue(input(model.requests("edit").getFirst()).startsWith("From 3 March"));
    // history = NONE: the researcher sees only its instructions and its input.
    assertEquals(2, model.requests("research").getFirst().messages().size());
    assertTrue(rec.timeline().contains("newsroom/write: says \"From 3 March, four night bus lines"),
        rec::timeline);
  }
}
