package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.chunk;
import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.json;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.IncompleteAnswerException;
import dev.baton.runtime.ModelBehaviorException;
import dev.baton.runtime.ModelRefusalException;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Answers that are not answers (cut off, filtered, refused, empty) fail typed, visibly in the
 * events, without a repair or retry that cannot help: whole runs over the real wire format.
 */
class HonestAnswersTest extends LoopbackTest {
  record Steps(List<String> steps) {}

  private Run<Object> run(Class<?> output) {
    AgentGraph graph = AgentGraph.builder("Help")
        .llmAgent("helper", a -> a.instructions("Help with the router.")
            .input("question", String.class).output(output))
        .build();
    return Orchestrator.builder(graph).model(model).build().start("helper", "how do I reset it?");
  }

  private static String completion(String contentJson, String refusalJson, String finishReason) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"test-model",
         "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":%s},
                     "finish_reason":"%s"}],
         "usage":{"prompt_tokens":11,"completion_tokens":16,"total_tokens":27}}
        """.formatted(contentJson, refusalJson, finishReason);
  }

  private static String failure(Run<?> run) {
    return run.events().filter(e -> e instanceof RunEvent.RunFailed)
        .map(e -> ((RunEvent.RunFailed) e).error()).findFirst().orElse("(no RunFailed event)");
  }

  @Test
  void streamedTextCutOffAtTheTokenLimitFailsNamingTheReasonAndTheFix() {
    server.enqueue(sse(events(textChunk("To reset the router: 1) unplug it, "),
        textChunk("2) wait"), chunk("{}", "length"))));

    Run<Object> run = run(String.class);
    IncompleteAnswerException e = assertThrows(IncompleteAnswerException.class, run::await);

    assertEquals("length", e.finishReason());
    assertTrue(e.getMessage().contains("token limit") && e.getMessage().contains("maxTokens"),
        e.getMessage());
    assertEquals("helper", e.path());
    assertTrue(failure(run).contains("finish_reason \"length\""), failure(run));
    assertEquals(1, server.getRequestCount(), "no retry");
  }

  @Test
  void structuredAnswerCutOffMidJsonIsNotSentForRepair() {
    server.enqueue(json(completion("\"{\\\"steps\\\":[\\\"unplug it\\\",\\\"wa\"", "null",
        "length")));
    server.enqueue(json(completion("\"{\\\"steps\\\":[]}\"", "null", "stop")));

    Run<Object> run = run(Steps.class);
    IncompleteAnswerException e = assertThrows(IncompleteAnswerException.class, run::await);

    assertEquals("length", e.finishReason());
    assertEquals(1, server.getRequestCount(), "no repair round-trip");
  }

  @Test
  void answerStoppedByTheContentFilterFailsTyped() {
    server.enqueue(sse(events(textChunk("Here is how to"), chunk("{}", "content_filter"))));

    Run<Object> run = run(String.class);
    IncompleteAnswerException e = assertThrows(IncompleteAnswerException.class, run::await);

    assertEquals("content_filter", e.finishReason());
    assertTrue(e.getMessage().contains("content filter"), e.getMessage());
    assertTrue(failure(run).contains("content_filter"), failure(run));
  }

  @Test
  void answerInterruptedForLackOfServerResourcesFailsTypedNotAsSuccess() {
    // DeepSeek documents this finish reason: generation stopped early, the text is partial.
    server.enqueue(sse(events(textChunk("The three steps are: first"),
        chunk("{}", "insufficient_system_resource"))));

    Run<Object> run = run(String.class);
    IncompleteAnswerException e = assertThrows(IncompleteAnswerException.class, run::await);

    assertEquals("insufficient_system_resource", e.finishReason());
    assertTrue(e.getMessage().contains("resources"), e.getMessage());
    assertTrue(failure(run).contains("insufficient_system_resource"), failure(run));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void refusalInAPlainResponseFailsCarryingTheText() {
    server.enqueue(json(completion("null", "\"I'm sorry, I can't help with that request.\"",
        "stop")));

    Run<Object> run = run(Steps.class);
    ModelRefusalException e = assertThrows(ModelRefusalException.class, run::await);

    assertEquals("I'm sorry, I can't help with that request.", e.refusal());
    assertTrue(failure(run).contains("I'm sorry, I can't help with that request."), failure(run));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void refusalStreamedAsDeltasFailsCarryingTheWholeText() {
    server.enqueue(sse(events(chunk("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"\"}"),
        chunk("{\"refusal\":\"I'm sorry, \"}"),
        chunk("{\"refusal\":\"I can't help with that request.\"}"),
        chunk("{}", "stop"))));

    Run<Object> run = run(Steps.class);
    ModelRefusalException e = assertThrows(ModelRefusalException.class, run::await);

    assertEquals("I'm sorry, I can't help with that request.", e.refusal());
  }

  @Test
  void emptyAnswerForARecordIsRepairedOnceThenFailsNeverNull() {
    server.enqueue(json(completion("\"\"", "null", "stop")));
    server.enqueue(json(completion("null", "null", "stop")));

    Run<Object> run = run(Steps.class);
    ModelBehaviorException e = assertThrows(ModelBehaviorException.class, run::await);

    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    assertEquals(2, server.getRequestCount(), "one repair round-trip");
  }

  @Test
  void emptyAnswerForARecordThatTheRepairFixesSucceeds() throws Exception {
    server.enqueue(json(completion("\"  \"", "null", "stop")));
    server.enqueue(json(completion("\"{\\\"steps\\\":[\\\"unplug it\\\"]}\"", "null", "stop")));

    assertEquals(new Steps(List.of("unplug it")), run(Steps.class).await());
  }

  @Test
  void emptyAnswerForAStringAgentIsAnEmptyString() throws Exception {
    server.enqueue(json(completion("null", "null", "stop")));

    Object answer = run(String.class).await();

    assertInstanceOf(String.class, answer);
    assertEquals("", answer);
  }
}
