package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.chunk;
import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.json;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static dev.baton.runtime.openai.Loopback.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunState;
import dev.baton.runtime.ToolInvoker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Tool calls over whole runs on the wire: calls with the same (or no) id are told apart on the
 * wire, in events, the journal, approvals and resume; provider fields such as Gemini's thought
 * signatures go back verbatim, and reasoning text does not unless configured.
 */
class ToolCallRoundTripTest extends LoopbackTest {
  private static final String ORDER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"order\":"
      + "{\"type\":\"string\"}},\"required\":[\"order\"],\"additionalProperties\":false}";
  private static final String OWNER = "test.Desk";
  private static final String SIGNATURE_A = "CiQBjz1rX0sig/A+==";
  private static final String SIGNATURE_B = "CiQBjz1rX0sig/B+==";

  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> invoked = new ConcurrentHashMap<>();
  private final ToolInvoker tools = (tool, arguments, context) -> {
    String order = arguments.get("order", String.class);
    invoked.merge(tool + ":" + order, 1, Integer::sum);
    return tool + " " + order + " done";
  };

  private void answer(Function<JsonNode, MockResponse> byBody) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        JsonNode body = tree(request.getBody().utf8());
        bodies.add(body);
        return byBody.apply(body);
      }
    });
  }

  private static boolean answered(JsonNode body) {
    return body.path("messages").findValues("role").stream().anyMatch(r -> r.asText().equals("tool"));
  }

  /** Two calls with the same id, each with a thought signature, as one streamed answer. */
  private static MockResponse twoCallsWithOneId(String id, String tool) {
    return sse(events(
        chunk("{\"role\":\"assistant\",\"reasoning_content\":\"Both orders need \"}"),
        chunk("{\"reasoning_content\":\"a refund.\"}"),
        chunk(callDelta(0, id, tool, "A", SIGNATURE_A)),
        chunk(callDelta(1, id, tool, "B", SIGNATURE_B)),
        chunk("{}", "tool_calls")));
  }

  private static String callDelta(int index, String id, String tool, String order, String sig) {
    return "{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + id + "\",\"type\":\"function\","
        + "\"function\":{\"name\":\"" + tool + "\",\"arguments\":\"{\\\"order\\\":\\\"" + order
        + "\\\"}\"},\"extra_content\":{\"google\":{\"thought_signature\":\"" + sig + "\"}}}]}";
  }

  /** The final answer lists each tool result with the order its call carried. */
  private static MockResponse summary(JsonNode body) {
    JsonNode messages = body.path("messages");
    JsonNode said = null;
    List<String> lines = new ArrayList<>();
    for (JsonNode m : messages) {
      if (m.path("role").asText().equals("assistant") && m.has("tool_calls")) {
        said = m;
      }
      if (m.path("role").asText().equals("tool") && said != null) {
        String id = m.path("tool_call_id").asText();
        String order = "?";
        for (JsonNode c : said.path("tool_calls")) {
          if (c.path("id").asText().equals(id)) {
            order = tree(c.path("function").path("arguments").asText()).path("order").asText();
          }
        }
        lines.add(order + "=" + m.path("content").asText());
      }
    }
    return sse(events(textChunk(String.join("; ", lines)), chunk("{}", "stop")));
  }

  private Orchestrator desk(boolean approval) {
    AgentGraph graph = AgentGraph.builder("Desk")
        .llmAgent("desk", a -> a.instructions("Refund orders.").input("message", String.class)
            .tool(new ToolSpec("refund", "Refunds an order.", ORDER_SCHEMA, approval, OWNER)))
        .build();
    return Orchestrator.builder(graph).model(model).tools(OWNER, tools).build();
  }

  @Test
  void callsSharingOneIdAreToldApartOnTheWireInEventsAndTheJournal() throws Exception {
    answer(body -> answered(body) ? summary(body) : twoCallsWithOneId("functions.refund:0", "refund"));

    Run<Object> run = desk(false).start("desk", "refund A and B");

    assertEquals("A=refund A done; B=refund B done", run.await());
    JsonNode second = bodies.get(1).path("messages");
    JsonNode said = second.get(2);
    List<String> wireIds = new ArrayList<>();
    said.path("tool_calls").forEach(c -> wireIds.add(c.path("id").asText()));
    assertEquals(2, new HashSet<>(wireIds).size(), wireIds.toString());
    assertEquals(wireIds, List.of(second.get(3).path("tool_call_id").asText(),
        second.get(4).path("tool_call_id").asText()));
    List<String> eventIds = run.events().filter(e -> e instanceof RunEvent.ToolCalled)
        .map(e -> ((RunEvent.ToolCalled) e).callId()).toList();
    assertEquals(wireIds, eventIds);
    String journal = run.state().toJson();
    wireIds.forEach(id -> assertTrue(journal.contains(id), id));
    assertEquals(Map.of("refund:A", 1, "refund:B", 1), invoked);
  }

  @Test
  void thoughtSignaturesGoBackVerbatimAndReasoningTextDoesNot() throws Exception {
    answer(body -> answered(body) ? summary(body) : twoCallsWithOneId("call_1", "refund"));

    desk(false).start("desk", "refund A and B").await();

    JsonNode said = bodies.get(1).path("messages").get(2);
    assertEquals(SIGNATURE_A, said.path("tool_calls").get(0).path("extra_content").path("google")
        .path("thought_signature").asText());
    assertEquals(SIGNATURE_B, said.path("tool_calls").get(1).path("extra_content").path("google")
        .path("thought_signature").asText());
    assertFalse(said.has("reasoning_content"), said.toString());
  }

  @Test
  void reasoningTextGoesBackWhenTheModelIsConfiguredToSendIt() throws Exception {
    OpenAiModel original = model;
    model = original.newBuilder().omittedProviderFields().build();
    answer(body -> answered(body) ? summary(body) : twoCallsWithOneId("call_1", "refund"));
    try {
      desk(false).start("desk", "refund A and B").await();
    } finally {
      model = original;
    }

    JsonNode said = bodies.get(1).path("messages").get(2);
    assertEquals("Both orders need a refund.", said.path("reasoning_content").asText());
  }

  @Test
  void approvalsOfCallsSharingOneIdAreDecidedAndResumedSeparately() throws Exception {
    answer(body -> answered(body) ? summary(body) : twoCallsWithOneId("call_0", "refund"));
    Orchestrator desk = desk(true);
    Run<Object> run = desk.start("desk", "refund A and B");

    ApprovalRequiredException paused = assertThrows(ApprovalRequiredException.class, run::await);
    RunState state = RunState.fromJson(paused.state().toJson());
    List<PendingApproval> approvals = state.approvals();
    assertEquals(2, approvals.size());
    assertEquals(2, new HashSet<>(approvals.stream().map(PendingApproval::callId).toList()).size());
    PendingApproval a = approvals.stream().filter(p -> p.arguments().contains("\"A\"")).findFirst()
        .orElseThrow();
    PendingApproval b = approvals.stream().filter(p -> p.arguments().contains("\"B\"")).findFirst()
        .orElseThrow();

    Object answer = desk.resume(state.approve(a.callId()).reject(b.callId(), "not eligible")).await();

    assertEquals(Map.of("refund:A", 1), invoked);
    assertTrue(answer.toString().startsWith("A=refund A done; B="), answer.toString());
    assertTrue(answer.toString().contains("not eligible"), answer.toString());
    JsonNode said = bodies.get(bodies.size() - 1).path("messages").get(2);
    assertEquals(SIGNATURE_A, said.path("tool_calls").get(0).path("extra_content").path("google")
        .path("thought_signature").asText(), "the signature survives the journal and the resume");
  }

  @Test
  void aToolWithoutParametersRunsWhateverPlaceholderTheServerSends() throws Exception {
    String noParameters = "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}";
    List<String> placeholders = List.of("\"\"", "\"null\"", "null", "\"[]\"", "\" \"");
    List<String> seen = new CopyOnWriteArrayList<>();
    AgentGraph graph = AgentGraph.builder("Clock")
        .llmAgent("clock", a -> a.instructions("Tell the time.").input("q", String.class)
            .tool(new ToolSpec("now", "The time.", noParameters, false, OWNER)))
        .build();
    Orchestrator clock = Orchestrator.builder(graph).model(model)
        .tools(OWNER, (tool, arguments, context) -> {
          seen.add(arguments.toJson());
          return "12:00";
        }).build();
    for (String placeholder : placeholders) {
      answer(body -> answered(body)
          ? sse(events(textChunk(body.path("messages").get(3).path("content").asText()),
              chunk("{}", "stop")))
          : json("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
              + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
              + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
              + "\"now\",\"arguments\":" + placeholder + "}}]},\"finish_reason\":\"tool_calls\"}]}"));
      assertEquals("12:00", clock.start("clock", "time?").await(), placeholder);
    }
    assertEquals(List.of("{}", "{}", "{}", "{}", "{}"), seen);
  }

  @Test
  void anIdTheServerReusesInALaterTurnIsNotTakenForAnEarlierCallsApproval() throws Exception {
    // The server numbers calls per response: every turn's first call is "call_0".
    answer(body -> {
      long calls = body.path("messages").findValues("tool_call_id").size();
      String order = calls == 0 ? "A" : "B";
      return calls >= 2 ? summary(body) : sse(events(
          chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_0\",\"type\":\"function\","
              + "\"function\":{\"name\":\"refund\",\"arguments\":\"{\\\"order\\\":\\\""
              + order + "\\\"}\"}}]}"),
          chunk("{}", "tool_calls")));
    });
    Orchestrator desk = desk(true);

    ApprovalRequiredException first = assertThrows(ApprovalRequiredException.class,
        () -> desk.start("desk", "refund A, then B").await());
    RunState approvedA = first.state().approve(first.state().approvals().get(0).callId());
    ApprovalRequiredException second = assertThrows(ApprovalRequiredException.class,
        () -> desk.resume(RunState.fromJson(approvedA.toJson())).await());

    assertEquals(Map.of("refund:A", 1), invoked, "B waits for its own approval");
    PendingApproval b = second.state().approvals().get(0);
    assertTrue(b.arguments().contains("\"B\""), b.toString());
    assertFalse(b.callId().equals(first.state().approvals().get(0).callId()));
  }
}
