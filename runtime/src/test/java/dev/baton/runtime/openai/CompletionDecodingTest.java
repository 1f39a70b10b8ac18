package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.json;
import static dev.baton.runtime.openai.Loopback.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.Usage;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** Complete (not streamed) answers: what is read, what is tolerated, what fails clearly. */
class CompletionDecodingTest extends LoopbackTest {

  @Override
  OpenAiModel.Builder configure(OpenAiModel.Builder builder) {
    return builder.streaming(false);
  }

  private ModelResponse respond() throws InterruptedException {
    return model.respond(request("hi"), ModelListener.NONE);
  }

  @Test
  void textAnswerWithUsageAndFinishReason() throws Exception {
    server.enqueue(json(Loopback.completion("Refund issued.")));

    ModelResponse response = respond();

    assertEquals(new ModelResponse("Refund issued.", List.of(), new Usage(11, 3), "stop", "", "",
        "chatcmpl-1", "test-model"), response);
  }

  @Test
  void cachedAndReasoningTokensComeFromTheUsageDetails() throws Exception {
    server.enqueue(json("""
        {"id":"chatcmpl-7","object":"chat.completion","created":1,"model":"o4-mini-2025-04-16",
         "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,
                  "prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},
                  "completion_tokens_details":{"reasoning_tokens":256,"audio_tokens":0}}}
        """));

    ModelResponse response = respond();

    assertEquals(new Usage(2006, 300, 1920, 256), response.usage());
    assertEquals("chatcmpl-7", response.id());
    assertEquals("o4-mini-2025-04-16", response.model());
  }

  @Test
  void aServerThatSendsNoUsageLeavesUsageEmpty() throws Exception {
    server.enqueue(json("""
        {"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}
        """));

    ModelResponse response = respond();

    assertEquals(Usage.NONE, response.usage());
    assertEquals("", response.id());
  }

  @Test
  void toolCallsKeepTheirIdsNamesArgumentsAndOrder() throws Exception {
    server.enqueue(json("""
        {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
          "content":null,"tool_calls":[
          {"id":"call_a","type":"function","function":{"name":"lookup","arguments":"{\\"invoice\\":7}"}},
          {"id":"call_b","type":"function","function":{"name":"refund","arguments":"{}"}}]}}],
         "usage":{"prompt_tokens":5,"completion_tokens":9}}"""));

    ModelResponse response = respond();

    assertEquals(new ModelResponse("", List.of(
            new ToolCall("call_a", "lookup", "{\"invoice\":7}"),
            new ToolCall("call_b", "refund", "{}")),
        new Usage(5, 9), "tool_calls"), response);
  }

  @Test
  void mostlyCompatibleAnswersAreTolerated() throws Exception {
    // No ids, arguments as objects, no usage, unknown fields, as some local servers send.
    String body = """
        {"vendor_field":{"x":1},"choices":[{"index":0,"logprobs":null,"message":{
          "role":"assistant","content":null,"reasoning":"hmm","tool_calls":[
          {"function":{"name":"lookup","arguments":{"invoice":7}}},
          {"type":"function","function":{"name":"lookup","arguments":{"invoice":8}}}]}}]}""";
    server.enqueue(json(body));
    server.enqueue(json(body));

    ModelResponse first = respond();
    ModelResponse second = respond();

    assertEquals("", first.text());
    assertEquals(Usage.NONE, first.usage());
    assertEquals("", first.finishReason());
    assertEquals(2, first.toolCalls().size());
    ToolCall a = first.toolCalls().get(0);
    ToolCall b = first.toolCalls().get(1);
    assertEquals("lookup", a.name());
    assertEquals(Loopback.tree("{\"invoice\":7}"), Loopback.tree(a.arguments()));
    assertEquals(Loopback.tree("{\"invoice\":8}"), Loopback.tree(b.arguments()));
    assertTrue(a.id().startsWith("call_"), a.id());
    assertNotEquals(a.id(), b.id());
    assertEquals(first, second, "synthesized ids are stable");
  }

  @Test
  void contentAsAnArrayOfPartsIsJoined() throws Exception {
    server.enqueue(json("""
        {"choices":[{"message":{"role":"assistant","content":[
          {"type":"text","text":"Hello, "},{"type":"text","text":"world"}]}}]}"""));

    assertEquals("Hello, world", respond().text());
  }

  @Test
  void aStreamingModelAcceptsAPlainAnswerAndStillTellsTheListener() throws Exception {
    OpenAiModel streaming = model.newBuilder().streaming(true).build();
    server.enqueue(json(Loopback.completion("all at once")));
    List<String> deltas = new ArrayList<>();

    ModelResponse response = streaming.respond(request("hi"), deltas::add);

    assertEquals("all at once", response.text());
    assertEquals(List.of("all at once"), deltas);
  }

  @Test
  void bodyOfAnotherContentTypeFailsAtOnceSayingWhatArrived() {
    server.enqueue(new MockResponse.Builder()
        .setHeader("Content-Type", "text/html")
        .body("<html>502 Bad Gateway</html>")
        .build());

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("answered text/html"), e.getMessage());
    assertTrue(e.getMessage().contains("<html>502 Bad Gateway</html>"), e.getMessage());
    assertEquals(200, e.status());
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
    assertEquals("desk", e.path());
    assertEquals("run-1", e.runId());
  }

  @Test
  void answerWithoutChoicesFails() {
    server.enqueue(json("{\"id\":\"x\",\"choices\":[]}"));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("no choices"), e.getMessage());
  }

  @Test
  void errorObjectInASuccessfulResponseFailsWithItsMessage() {
    server.enqueue(json("{\"error\":{\"message\":\"model is loading\",\"type\":\"server\"}}"));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("model is loading"), e.getMessage());
  }

  @Test
  void emptyBodyFails() {
    server.enqueue(json(""));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("response body is empty"), e.getMessage());
  }
}
