package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.chunk;
import static dev.baton.runtime.openai.Loopback.completion;
import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.eventsWithoutDone;
import static dev.baton.runtime.openai.Loopback.json;
import static dev.baton.runtime.openai.Loopback.request;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static dev.baton.runtime.openai.Loopback.usageChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.Usage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What compatible servers really send: streams without [DONE], errors in 200s, odd tool calls. */
class ServerToleranceTest extends LoopbackTest {
  private final List<String> deltas = new ArrayList<>();

  private ModelResponse respond() throws InterruptedException {
    return model.respond(request("hi"), deltas::add);
  }

  private static String plainToolCalls(String callsJson) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"test-model",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":%s},
                     "finish_reason":"tool_calls"}]}
        """.formatted(callsJson);
  }

  private static String call(String id, String name, String argumentsJson) {
    return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"type\":\"function\","
        + "\"function\":{\"name\":\"" + name + "\",\"arguments\":" + argumentsJson + "}}";
  }

  // Streams that close after the chunk with finish_reason (and an optional usage chunk).

  @Test
  void textStreamClosedAfterFinishReasonWithoutDoneIsComplete() throws Exception {
    server.enqueue(sse(eventsWithoutDone(textChunk("All "), textChunk("done."),
        chunk("{}", "stop"), usageChunk(9, 2))));

    ModelResponse response = respond();

    assertEquals(new ModelResponse("All done.", List.of(), new Usage(9, 2), "stop", "", "",
        "chatcmpl-1", "test-model"), response);
    assertEquals("All done.", String.join("", deltas));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void toolCallStreamClosedAfterFinishReasonWithoutDoneIsCompleteNotRetried() throws Exception {
    server.enqueue(sse(eventsWithoutDone(
        chunk("{\"tool_calls\":[" + "{\"index\":0," + call("call_7", "lookup", "\"{\\\"id\\\":7}\"")
            .substring(1) + "]}"),
        chunk("{}", "tool_calls"))));

    ModelResponse response = respond();

    assertEquals(List.of(new ToolCall("call_7", "lookup", "{\"id\":7}")), response.toolCalls());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void streamClosedBeforeAnyFinishReasonAndTextIsRetried() throws Exception {
    server.enqueue(sse(eventsWithoutDone(chunk("{\"role\":\"assistant\"}"))));
    server.enqueue(sse(eventsWithoutDone(textChunk("second"), chunk("{}", "stop"))));

    assertEquals("second", respond().text());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void streamLabelledAsJsonIsStillReadAsAStream() throws Exception {
    server.enqueue(new mockwebserver3.MockResponse.Builder()
        .setHeader("Content-Type", "application/json")
        .body(events(textChunk("mislabelled "), textChunk("but fine"), chunk("{}", "stop")))
        .build());

    assertEquals("mislabelled but fine", respond().text());
  }

  // Error objects inside HTTP 200.

  @Test
  void transientErrorObjectInA200StreamIsRetried() throws Exception {
    server.enqueue(sse(events(
        "{\"error\":{\"message\":\"Upstream provider overloaded\",\"code\":502}}")));
    server.enqueue(sse(events(textChunk("fine now"), chunk("{}", "stop"))));

    assertEquals("fine now", respond().text());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void errorObjectInA200StreamWithATransientStringCodeIsRetried() throws Exception {
    server.enqueue(sse(events(chunk("{\"role\":\"assistant\"}"),
        "{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}")));
    server.enqueue(sse(events(textChunk("ok"), chunk("{}", "stop"))));

    assertEquals("ok", respond().text());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void permanentErrorObjectInA200StreamFailsWithTheServersMessage() {
    server.enqueue(sse(events(
        "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\","
            + "\"code\":400}}")));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("maximum context length is 8192 tokens"), e.getMessage());
    assertEquals(400, e.status());
    assertEquals(1, e.attempts());
    assertFalse(e.isTransient());
  }

  @Test
  void vendorErrorCodeThatIsNoHttpStatusIsNeitherTakenForOneNorRetried() {
    // Some providers number their own errors (four or more digits): not an HTTP 5xx.
    server.enqueue(sse(events(
        "{\"error\":{\"message\":\"Insufficient balance\",\"code\":1113}}")));
    server.enqueue(sse(events(textChunk("never"), chunk("{}", "stop"))));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("Insufficient balance"), e.getMessage());
    assertEquals(200, e.status(), "the HTTP status, not the provider's number");
    assertFalse(e.isTransient());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void errorCodeTooLargeForAnIntFailsTyped() {
    server.enqueue(json("{\"error\":{\"message\":\"odd\",\"code\":123456789012345678901}}"));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("odd"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void transientErrorAfterTextReachedTheListenerIsNotRetried() {
    server.enqueue(sse(events(textChunk("Partial answer, then "),
        "{\"error\":{\"message\":\"upstream timeout\",\"code\":504}}")));
    server.enqueue(sse(events(textChunk("never"), chunk("{}", "stop"))));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("upstream timeout"), e.getMessage());
    assertEquals(504, e.status());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void errorEventTypeInA200StreamIsTyped() {
    server.enqueue(sse("event: error\ndata: {\"error\":{\"message\":\"Bad key format\","
        + "\"type\":\"invalid_request_error\"}}\n\n"));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("Bad key format"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void transientErrorObjectInAPlain200BodyIsRetried() throws Exception {
    server.enqueue(json("{\"error\":{\"message\":\"The server is overloaded\","
        + "\"type\":\"server_error\"}}"));
    server.enqueue(json(completion("recovered")));

    assertEquals("recovered", respond().text());
    assertEquals(2, server.getRequestCount());
  }

  // Tool-call arguments.

  @Test
  void everyKindOfArgumentsValueHasADecidedMeaning() throws Exception {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("\"\"", "{}");
    cases.put("\"   \"", "{}");
    cases.put("null", "{}");
    cases.put("\"null\"", "{}");
    cases.put("\"[]\"", "{}");
    cases.put("\"{}\"", "{}");
    cases.put("{\"invoice\":7}", "{\"invoice\":7}");
    cases.put("\"{\\\"invoice\\\":7}\"", "{\"invoice\":7}");
    cases.put(new TextNode("\"{\\\"invoice\\\":7}\"").toString(), "{\"invoice\":7}");
    cases.put("\"42\"", "42");
    cases.put("\"true\"", "true");
    cases.put("\"[1,2]\"", "[1,2]");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      server.enqueue(json(plainToolCalls("[" + call("call_1", "ping", c.getKey()) + "]")));
      assertEquals(c.getValue(), respond().toolCalls().get(0).arguments(), "arguments " + c.getKey());
    }
  }

  @Test
  void streamedPlaceholderArgumentsMeanNoArguments() throws Exception {
    server.enqueue(sse(events(
        chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"ping\",\"arguments\":\"nu\"}}]}"),
        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ll\"}}]}"),
        chunk("{}", "tool_calls"))));

    assertEquals("{}", respond().toolCalls().get(0).arguments());
  }

  // Tool-call ids.

  @Test
  void duplicateIdsInOneResponseAreToldApartDeterministically() throws Exception {
    String body = plainToolCalls("[" + call("functions.lookup:0", "lookup", "\"{\\\"id\\\":1}\"")
        + "," + call("functions.lookup:0", "lookup", "\"{\\\"id\\\":2}\"") + ","
        + call("call_x", "ping", "\"{}\"") + "]");
    server.enqueue(json(body));
    server.enqueue(json(body));

    List<ToolCall> first = respond().toolCalls();
    List<ToolCall> second = respond().toolCalls();

    assertEquals(3, new HashSet<>(first.stream().map(ToolCall::id).toList()).size(), first.toString());
    assertEquals("call_x", first.get(2).id(), "a unique id is kept for the wire");
    assertTrue(first.get(0).id().startsWith("functions.lookup:0"), first.toString());
    assertEquals(first, second, "the same answer gets the same ids");
  }

  @Test
  void missingIdsInAStreamAreToldApart() throws Exception {
    server.enqueue(sse(events(
        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"ping\",\"arguments\":\"{}\"}}]}"),
        chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"name\":\"ping\",\"arguments\":\"{}\"}}]}"),
        chunk("{}", "tool_calls"))));

    List<ToolCall> calls = respond().toolCalls();

    Set<String> ids = new HashSet<>(calls.stream().map(ToolCall::id).toList());
    assertEquals(2, ids.size(), calls.toString());
    assertFalse(ids.contains(""));
  }
}
