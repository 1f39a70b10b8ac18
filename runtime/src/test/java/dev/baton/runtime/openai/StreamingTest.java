package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.chunk;
import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.eventsWithoutDone;
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
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.Usage;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** Streamed answers: deltas forwarded, tool calls assembled, broken streams handled. */
class StreamingTest extends LoopbackTest {
  private final List<String> deltas = new ArrayList<>();

  private ModelResponse respond() throws InterruptedException {
    return model.respond(request("hi"), deltas::add);
  }

  private static String toolDelta(int index, String id, String name, String arguments) {
    StringBuilder call = new StringBuilder("{\"index\":" + index);
    if (id != null) {
      call.append(",\"id\":\"").append(id).append("\",\"type\":\"function\"");
    }
    call.append(",\"function\":{");
    if (name != null) {
      call.append("\"name\":\"").append(name).append("\",");
    }
    call.append("\"arguments\":").append(new TextNode(arguments)).append("}}");
    return chunk("{\"tool_calls\":[" + call + "]}");
  }

  @Test
  void textDeltasReachTheListenerInOrderAndUsageComesFromTheLastChunk() throws Exception {
    server.enqueue(sse(events(
        chunk("{\"role\":\"assistant\",\"content\":\"\"}"),
        textChunk("Re"), textChunk("fund "), textChunk("issued."),
        chunk("{}", "stop"),
        usageChunk(12, 4))));

    ModelResponse response = respond();

    assertEquals(List.of("Re", "fund ", "issued."), deltas);
    assertEquals(new ModelResponse("Refund issued.", List.of(), new Usage(12, 4), "stop", "", "",
        "chatcmpl-1", "test-model"), response);
  }

  @Test
  void aStreamWithoutAUsageChunkLeavesUsageEmpty() throws Exception {
    server.enqueue(sse(events(textChunk("ok"), chunk("{}", "stop"))));

    ModelResponse response = respond();

    assertEquals("ok", response.text());
    assertEquals(Usage.NONE, response.usage());
  }

  @Test
  void oneToolCallIsAssembledFromItsDeltas() throws Exception {
    server.enqueue(sse(events(
        toolDelta(0, "call_1", "lookup", ""),
        toolDelta(0, null, null, "{\"inv"),
        toolDelta(0, null, null, "oice\":"),
        toolDelta(0, null, null, "7}"),
        chunk("{}", "tool_calls"))));

    ModelResponse response = respond();

    assertEquals(List.of(new ToolCall("call_1", "lookup", "{\"invoice\":7}")),
        response.toolCalls());
    assertEquals("tool_calls", response.finishReason());
    assertEquals(List.of(), deltas);
  }

  @Test
  void parallelToolCallsSplitAcrossInterleavedDeltasAreJoinedByIndex() throws Exception {
    server.enqueue(sse(events(
        toolDelta(0, "call_a", "lookup", ""),
        toolDelta(1, "call_b", "refund", ""),
        toolDelta(0, null, null, "{\"invoice\""),
        toolDelta(2, "call_c", "notify", "{\"to\":"),
        toolDelta(1, null, null, "{\"amount\":"),
        toolDelta(0, null, null, ":7}"),
        toolDelta(1, null, null, "12}"),
        toolDelta(2, null, null, "\"ann\"}"),
        chunk("{}", "tool_calls"),
        usageChunk(30, 20))));

    ModelResponse response = respond();

    assertEquals(List.of(
        new ToolCall("call_a", "lookup", "{\"invoice\":7}"),
        new ToolCall("call_b", "refund", "{\"amount\":12}"),
        new ToolCall("call_c", "notify", "{\"to\":\"ann\"}")), response.toolCalls());
    assertEquals(new Usage(30, 20), response.usage());
  }

  @Test
  void callsOfAnotherFunctionUnderTheSameIndexWithoutIdsAreToldApart() throws Exception {
    // Each call arrives whole under index 0 and without an id: only the new name says that a
    // second call began; its arguments must not be appended to the first call's.
    server.enqueue(sse(events(
        toolDelta(0, null, "lookup", "{\"order\":7}"),
        toolDelta(0, null, "weather", "{\"city\":\"Oslo\"}"),
        chunk("{}", "tool_calls"))));

    ModelResponse response = respond();

    assertEquals(2, response.toolCalls().size(), response.toString());
    assertEquals("lookup", response.toolCalls().get(0).name());
    assertEquals("{\"order\":7}", response.toolCalls().get(0).arguments());
    assertEquals("weather", response.toolCalls().get(1).name());
    assertEquals("{\"city\":\"Oslo\"}", response.toolCalls().get(1).arguments());
    assertFalse(response.toolCalls().get(0).id().equals(response.toolCalls().get(1).id()));
  }

  @Test
  void toolCallsWithoutIdsOrWithObjectArgumentsAreTolerated() throws Exception {
    server.enqueue(sse(events(
        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"lookup\","
            + "\"arguments\":{\"invoice\":7}}}]}"),
        chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"name\":\"lookup\","
            + "\"arguments\":\"{\\\"invoice\\\":8}\"}}]}"))));

    ModelResponse response = respond();

    assertEquals(2, response.toolCalls().size());
    assertEquals(Loopback.tree("{\"invoice\":7}"),
        Loopback.tree(response.toolCalls().get(0).arguments()));
    assertEquals("{\"invoice\":8}", response.toolCalls().get(1).arguments());
    assertFalse(response.toolCalls().get(0).id().isEmpty());
    assertFalse(response.toolCalls().get(0).id().equals(response.toolCalls().get(1).id()));
  }

  @Test
  void commentsAndAWrongContentTypeDoNotStopAStream() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .setHeader("Content-Type", "text/plain")
        .body(": keep-alive\n\n" + events(textChunk("still "), textChunk("works")))
        .build());

    assertEquals("still works", respond().text());
    // "s" could start the key, so it waits for the next delta; the text arrives whole and once.
    assertEquals("still works", String.join("", deltas));
  }

  @Test
  void streamEndingWithoutDoneBeforeAnyTextIsRetried() throws Exception {
    server.enqueue(sse(eventsWithoutDone(chunk("{\"role\":\"assistant\"}"))));
    server.enqueue(sse(events(textChunk("second try"))));

    assertEquals("second try", respond().text());
    assertEquals(2, server.getRequestCount());
    assertEquals(List.of("second try"), deltas);
  }

  @Test
  void streamEndingWithoutDoneOrFinishReasonAfterTextFailsWithoutRetrying() {
    server.enqueue(sse(eventsWithoutDone(textChunk("Half an answer, cut"))));
    server.enqueue(sse(events(textChunk("never fetched"))));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("no finish_reason, no [DONE]"), e.getMessage());
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of("Half an answer, cut"), deltas, "the listener heard the text once");
  }

  @Test
  void streamBrokenMidwayAfterTextFailsAsABrokenStream() {
    String partial = eventsWithoutDone(textChunk("Half"));
    server.enqueue(new MockResponse.Builder()
        .setHeader("Content-Type", "text/event-stream")
        .body(partial)
        // Promise more than is sent, then drop the connection: the read fails mid-body.
        .setHeader("Content-Length", partial.length() + 500)
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
        .build());

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("stream broke"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void streamBrokenMidwayBeforeTextIsRetried() throws Exception {
    String partial = eventsWithoutDone(toolDelta(0, "call_1", "lookup", "{\"inv"));
    server.enqueue(new MockResponse.Builder()
        .setHeader("Content-Type", "text/event-stream")
        .body(partial)
        .setHeader("Content-Length", partial.length() + 500)
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
        .build());
    server.enqueue(sse(events(textChunk("recovered"))));

    ModelResponse response = respond();

    assertEquals("recovered", response.text());
    assertEquals(List.of(), response.toolCalls(), "nothing of the broken attempt survives");
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void errorChunkFailsWithTheServersMessage() {
    server.enqueue(sse(events(
        "{\"error\":{\"message\":\"context length exceeded\",\"code\":400}}")));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("context length exceeded"), e.getMessage());
  }

  @Test
  void errorEventFailsWithTheServersMessage() {
    server.enqueue(sse("event: error\ndata: {\"message\":\"overloaded\"}\n\n"));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("overloaded"), e.getMessage());
  }

  @Test
  void malformedChunkFailsNamingIt() {
    server.enqueue(sse(events(textChunk("ok"), "{\"choices\":[{\"delta\":")));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("stream chunk is not JSON"), e.getMessage());
  }

  @Test
  void streamWithoutAnyChoiceFails() {
    server.enqueue(sse(events(usageChunk(1, 0))));

    ModelCallException e = assertThrows(ModelCallException.class, this::respond);

    assertTrue(e.getMessage().contains("no choices"), e.getMessage());
  }
}
