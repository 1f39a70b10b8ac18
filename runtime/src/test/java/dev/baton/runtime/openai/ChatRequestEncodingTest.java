package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.KEY;
import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.json;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static dev.baton.runtime.openai.Loopback.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.OutputSchema;
import dev.baton.runtime.model.SystemMessage;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolDefinition;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.UserMessage;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The request body and headers the model sends, compared as JSON trees with the wire format. */
class ChatRequestEncodingTest extends LoopbackTest {
  private static final String LOOKUP_SCHEMA = """
      {"type":"object","properties":{"invoice":{"type":"integer"}},
       "required":["invoice"],"additionalProperties":false}""";
  private static final String ANSWER_SCHEMA = """
      {"type":"object","properties":{"refunded":{"type":"boolean"}},
       "required":["refunded"],"additionalProperties":false}""";


  @Test
  void streamedRequestCarriesEveryMessageKindToolsSchemaAndStreamFlags() throws Exception {
    server.enqueue(sse(events(textChunk("ok"))));
    ModelRequest request = new ModelRequest("run-1", "desk>billing", "billing", "",
        List.of(
            new SystemMessage("You resolve billing problems."),
            new UserMessage("I was charged twice"),
            new AssistantMessage("", List.of(new ToolCall("call_1", "lookup", "{\"invoice\":7}"))),
            new ToolMessage("call_1", "lookup", "{\"amount\":12}", false),
            new AssistantMessage("Checking.", List.of(new ToolCall("call_2", "refund", "{}"))),
            new ToolMessage("call_2", "refund", "refund failed: card expired", true),
            new AssistantMessage("Refunded.")),
        List.of(
            new ToolDefinition("lookup", "Finds an invoice.", LOOKUP_SCHEMA),
            new ToolDefinition("refund", "", "{\"type\":\"object\",\"properties\":{}}")),
        new OutputSchema("Answer", ANSWER_SCHEMA));

    model.respond(request, ModelListener.NONE);

    RecordedRequest recorded = server.takeRequest();
    assertEquals("POST", recorded.getMethod());
    assertEquals("/v1/chat/completions", recorded.getUrl().encodedPath());
    assertEquals("Bearer " + KEY, recorded.getHeaders().get("Authorization"));
    assertTrue(recorded.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals(tree("""
        {"model":"test-model",
         "messages":[
           {"role":"system","content":"You resolve billing problems."},
           {"role":"user","content":"I was charged twice"},
           {"role":"assistant","content":null,"tool_calls":[
             {"id":"call_1","type":"function",
              "function":{"name":"lookup","arguments":"{\\"invoice\\":7}"}}]},
           {"role":"tool","tool_call_id":"call_1","content":"{\\"amount\\":12}"},
           {"role":"assistant","content":"Checking.","tool_calls":[
             {"id":"call_2","type":"function","function":{"name":"refund","arguments":"{}"}}]},
           {"role":"tool","tool_call_id":"call_2","content":"refund failed: card expired"},
           {"role":"assistant","content":"Refunded."}],
         "tools":[
           {"type":"function","function":{"name":"lookup","description":"Finds an invoice.",
             "parameters":%s,"strict":true}},
           {"type":"function","function":{"name":"refund",
             "parameters":{"type":"object","properties":{}},"strict":true}}],
         "response_format":{"type":"json_schema",
           "json_schema":{"name":"Answer","schema":%s,"strict":true}},
         "stream":true,
         "stream_options":{"include_usage":true}}
        """.formatted(LOOKUP_SCHEMA, ANSWER_SCHEMA)), tree(recorded.getBody().utf8()));
  }

  @Test
  void plainRequestHasNoToolsFormatOrStreamFieldsAndUsesTheRequestsModel() throws Exception {
    OpenAiModel plain = model.newBuilder().streaming(false).build();
    server.enqueue(json(Loopback.completion("hello")));
    ModelRequest request = new ModelRequest("run-1", "desk", "desk", "other-model",
        List.of(new UserMessage("hi")), List.of(), null);

    plain.respond(request, ModelListener.NONE);

    assertEquals(
        tree("""
            {"model":"other-model","messages":[{"role":"user","content":"hi"}]}"""),
        tree(server.takeRequest().getBody().utf8()));
  }

  @Test
  void organizationAndExtraHeadersAreSentAndAnExtraHeaderCanReplaceAuthorization()
      throws Exception {
    OpenAiModel custom = model.newBuilder()
        .organization("org-42")
        .header("X-Trace", "t1")
        .build();
    server.enqueue(sse(events(textChunk("ok"))));
    custom.respond(Loopback.request("hi"), ModelListener.NONE);
    RecordedRequest first = server.takeRequest();
    assertEquals("org-42", first.getHeaders().get("OpenAI-Organization"));
    assertEquals("t1", first.getHeaders().get("X-Trace"));

    OpenAiModel proxied = model.newBuilder().header("Authorization", "Proxy p").build();
    server.enqueue(sse(events(textChunk("ok"))));
    proxied.respond(Loopback.request("hi"), ModelListener.NONE);
    assertEquals(List.of("Proxy p"), server.takeRequest().getHeaders().values("Authorization"));
  }

  @Test
  void noKeyMeansNoAuthorizationHeader() throws Exception {
    OpenAiModel local = model.newBuilder().apiKey(null).build();
    server.enqueue(sse(events(textChunk("ok"))));
    local.respond(Loopback.request("hi"), ModelListener.NONE);
    assertNull(server.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void baseUrlWithTrailingSlashReachesTheSameEndpoint() throws Exception {
    OpenAiModel slashed = model.newBuilder().baseUrl(server.url("/v1/").toString()).build();
    server.enqueue(sse(events(textChunk("ok"))));
    slashed.respond(Loopback.request("hi"), ModelListener.NONE);
    assertEquals("/v1/chat/completions", server.takeRequest().getUrl().encodedPath());
  }

  @Test
  void toolSchemaThatIsNotJsonFailsBeforeAnythingIsSent() {
    ModelRequest request = new ModelRequest("run-1", "desk", "desk", "",
        List.of(new UserMessage("hi")),
        List.of(new ToolDefinition("lookup", "", "{not json")), null);

    ModelCallException e = assertThrows(ModelCallException.class,
        () -> model.respond(request, ModelListener.NONE));

    assertTrue(e.getMessage().contains("tool lookup"), e.getMessage());
    assertEquals(0, e.attempts());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void baseUrlThatIsNotHttpIsRejectedAtBuildTime() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OpenAiModel.builder().baseUrl("localhost:11434").build());
    assertTrue(e.getMessage().contains("baseUrl"), e.getMessage());
  }
}
