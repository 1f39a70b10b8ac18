package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.model.Usage;
import dev.baton.runtime.openai.OpenAiModel;
import dev.baton.runtime.openai.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Model calls as events and run usage, through the real Chat Completions wire format on a loopback
 * server that streams and reports usage in the final chunk (as {@code stream_options.include_usage}
 * asks).
 */
@ExtendWith(NoRunThreadsLeft.class)
class ModelCallEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CANARY = "sk-canary-7f3a9c1e5b2d4068";
  private static final String OWNER = "Lookup";
  private static final ToolSpec LOOKUP = new ToolSpec("lookup", "Looks a thing up.",
      "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}},\"required\":[\"q\"],"
          + "\"additionalProperties\":false}", false, OWNER);

  private final MockWebServer server = new MockWebServer();
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logLines.add(record.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger runtimeLog = Logger.getLogger("dev.baton.runtime");

  @BeforeEach
  void start() throws Exception {
    runtimeLog.setLevel(Level.ALL);
    runtimeLog.addHandler(capture);
    server.start();
  }

  @AfterEach
  void stop() {
    runtimeLog.removeHandler(capture);
    runtimeLog.setLevel(null);
    server.close();
  }

  private OpenAiModel model(RetryPolicy retries) {
    return OpenAiModel.builder().baseUrl(server.url("/v1").toString()).apiKey(CANARY)
        .model("test-model").retryPolicy(retries).attemptTimeout(Duration.ofSeconds(20)).build();
  }

  // A streamed answer: one chunk per piece, then (if given) the usage-only chunk with no choices.
  private static MockResponse stream(String id, String deltaJson, String finishReason, String usage) {
    StringBuilder body = new StringBuilder();
    body.append("data: ").append(chunk(id, deltaJson, null)).append("\n\n");
    body.append("data: ").append(chunk(id, "{}", finishReason)).append("\n\n");
    if (usage != null) {
      body.append("data: {\"id\":\"").append(id).append("\",\"object\":\"chat.completion.chunk\","
          + "\"created\":1,\"model\":\"test-model-2026\",\"choices\":[],\"usage\":").append(usage)
          .append("}\n\n");
    }
    body.append("data: [DONE]\n\n");
    return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
        .body(body.toString()).build();
  }

  private static String chunk(String id, String deltaJson, String finishReason) {
    return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"test-model-2026\",\"choices\":[{\"index\":0,\"delta\":" + deltaJson
        + ",\"finish_reason\":" + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
  }

  private static String text(String s) {
    return "{\"role\":\"assistant\",\"content\":" + JSON.valueToTree(s) + "}";
  }

  private static String usage(long in, long out, long cached, long reasoning) {
    return "{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out + ",\"total_tokens\":"
        + (in + out) + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cached + "},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":" + reasoning + "}}";
  }

  private static JsonNode body(RecordedRequest request) {
    try {
      return JSON.readTree(request.getBody().utf8());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** boss calls a tool and delegates to worker; worker forks to a and b, then answers. */
  private static AgentGraph team() {
    return AgentGraph.builder("Team")
        .llmAgent("boss", a -> a.instructions("Boss.").input("task", String.class).tool(LOOKUP))
        .llmAgent("worker", a -> a.instructions("Work.").description("Does the work.")
            .input("task", String.class).parallel("a", "b").timeout("20s"))
        .llmAgent("a", a -> a.instructions("Check a.").input("task", String.class))
        .llmAgent("b", a -> a.instructions("Check b.").input("task", String.class))
        .delegate("boss", "worker")
        .build();
  }

  @Test
  void usageIsTotalledPerRunAndPathFromTheFinalStreamChunk() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        JsonNode body = body(request);
        assertTrue(body.path("stream_options").path("include_usage").asBoolean(), body.toString());
        String system = body.path("messages").get(0).path("content").asText();
        boolean answered = body.path("messages").findValues("role").stream()
            .anyMatch(r -> r.asText().equals("tool"));
        return switch (system) {
          case "Boss." -> answered
              ? stream("r-boss-2", text("all done"), "stop", usage(150, 10, 0, 0))
              : stream("r-boss-1", "{\"tool_calls\":["
                  + "{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"lookup\","
                  + "\"arguments\":\"{\\\"q\\\":\\\"x\\\"}\"}},"
                  + "{\"index\":1,\"id\":\"c2\",\"type\":\"function\",\"function\":{\"name\":\"worker\","
                  + "\"arguments\":\"{\\\"task\\\":\\\"t\\\"}\"}}]}", "tool_calls",
                  usage(100, 20, 64, 0));
          case "Work." -> stream("r-worker", text("worked"), "stop", usage(80, 30, 0, 16));
          case "Check a." -> stream("r-a", text("a ok"), "stop", usage(40, 5, 0, 0));
          // This server sends no usage for b: the call counts, its tokens are zero.
          case "Check b." -> stream("r-b", text("b ok"), "stop", null);
          default -> new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"?\"}}").build();
        };
      }
    });
    CountDownLatch inTool = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ToolInvoker lookup = (tool, args, ctx) -> {
      inTool.countDown();
      release.await();
      return "found";
    };
    try (OpenAiModel model = model(RetryPolicy.NONE)) {
      Run<Object> run = Orchestrator.builder(team()).model(model).tools(OWNER, lookup).build()
          .start("boss", "go");
      inTool.await();
      // Live: boss's first call has finished (its tool is running), nothing else has.
      RunUsage live = run.usage();
      assertEquals(new Usage(100, 20, 64, 0), live.path("boss"));
      release.countDown();
      assertEquals("all done", run.await());

      RunUsage usage = run.usage();
      assertEquals(new Usage(370, 65, 64, 16), usage.total());
      assertEquals(5, usage.modelCalls());
      assertEquals(Map.of("boss", new Usage(250, 30, 64, 0), "boss+worker", new Usage(80, 30, 0, 16),
          "boss+worker/a", new Usage(40, 5, 0, 0), "boss+worker/b", Usage.NONE), usage.byPath());

      List<RunEvent> events = run.events().toList();
      RunEvent.RunFinished end = (RunEvent.RunFinished) events.get(events.size() - 1);
      assertEquals(usage, end.usage());
      List<RunEvent.ModelCallFinished> calls = events.stream()
          .filter(e -> e instanceof RunEvent.ModelCallFinished).map(e -> (RunEvent.ModelCallFinished) e)
          .toList();
      assertEquals(5, calls.size());
      RunEvent.ModelCallFinished first = calls.get(0);
      assertEquals("boss", first.path());
      assertEquals("r-boss-1", first.responseId());
      assertEquals("test-model-2026", first.responseModel());
      assertEquals("tool_calls", first.finishReason());
      assertEquals(1, first.attempts());
      assertTrue(first.succeeded());
      // Every call starts once, before it finishes, on its own path.
      for (RunEvent.ModelCallFinished f : calls) {
        int at = events.indexOf(f);
        assertTrue(events.subList(0, at).stream().anyMatch(e -> e instanceof RunEvent.ModelCallStarted s
            && s.path().equals(f.path()) && s.attempt() == 1), f.path());
      }

      ByteArrayOutputStream timeline = new ByteArrayOutputStream();
      RunEvents.print(run, new PrintStream(timeline, true, StandardCharsets.UTF_8));
      String printed = timeline.toString(StandardCharsets.UTF_8);
      assertTrue(printed.contains("boss: model test-model-2026 answered in "), printed);
      assertTrue(printed.contains("(tool_calls): 100 in (64 cached) + 20 out tokens"), printed);
      assertTrue(printed.contains("(stop): 80 in + 30 out (16 reasoning) tokens"), printed);
      assertTrue(printed.contains("boss+worker/b: model test-model-2026 answered in "), printed);
      assertTrue(printed.contains("no usage reported"), printed);
      assertTrue(printed.contains("run used 370 in (64 cached) + 65 out (16 reasoning) tokens in 5 model calls"),
          printed);
    }
  }

  @Test
  void aRateLimitedCallThatSucceedsOnRetryShowsTwoAttemptsAndNoKeyAnywhere() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (requests.incrementAndGet() == 1) {
          // A server that echoes the credential it was sent: it must not leak through Baton.
          return new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
              .body("{\"error\":{\"message\":\"Rate limit reached for key " + CANARY
                  + "\",\"type\":\"requests\"}}").build();
        }
        return stream("r-ok", text("hello " + "there"), "stop", usage(12, 3, 0, 0));
      }
    });
    RetryPolicy fast = RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(1))
        .maxDelay(Duration.ofMillis(1)).build();
    ByteArrayOutputStream timeline = new ByteArrayOutputStream();
    AgentGraph graph = AgentGraph.builder("Greeter")
        .llmAgent("greet", a -> a.instructions("Greet.").input("name", String.class)).build();
    try (OpenAiModel model = model(fast)) {
      Orchestrator o = Orchestrator.builder(graph).model(model).options(RunOptions.builder()
          .listener(RunEvents.printer(new PrintStream(timeline, true, StandardCharsets.UTF_8), false))
          .build()).build();
      Run<Object> run = o.start("greet", "Ada");
      assertEquals("hello there", run.await());

      List<RunEvent> events = run.events().toList();
      List<RunEvent.ModelCallStarted> attempts = events.stream()
          .filter(e -> e instanceof RunEvent.ModelCallStarted).map(e -> (RunEvent.ModelCallStarted) e)
          .toList();
      assertEquals(List.of(1, 2), attempts.stream().map(RunEvent.ModelCallStarted::attempt).toList());
      assertEquals("", attempts.get(0).retryReason());
      assertTrue(attempts.get(1).retryReason().startsWith("HTTP 429"), attempts.get(1).retryReason());
      RunEvent.ModelCallFinished finished = events.stream()
          .filter(e -> e instanceof RunEvent.ModelCallFinished).map(e -> (RunEvent.ModelCallFinished) e)
          .findFirst().orElseThrow();
      assertEquals(2, finished.attempts());
      assertEquals(new Usage(12, 3), finished.usage());
      assertEquals(2, server.getRequestCount());

      String printed = timeline.toString(StandardCharsets.UTF_8);
      assertTrue(printed.contains("greet: model call attempt 2 after HTTP 429"), printed);
      assertTrue(printed.contains("answered in ") && printed.contains(" after 2 attempts (stop)"), printed);
      assertTrue(logLines.stream().anyMatch(l -> l.startsWith("WARNING") && l.contains("attempt 2")
          && l.contains("greet")), logLines.toString());

      assertFalse(events.toString().contains(CANARY), "events");
      assertFalse(printed.contains(CANARY), "timeline");
      assertFalse(logLines.toString().contains(CANARY), "log");
      assertTrue(events.toString().contains("Rate limit reached"), "the server's message is kept");
    }
  }

  @Test
  void aCancelledRunEndsItsModelCallWithTheErrorAndLogsTheAbandonedCall() throws Exception {
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        requested.countDown();
        never.await(); // the server never answers: the call is abandoned by the cancel
        return stream("r", text("late"), "stop", null);
      }
    });
    AgentGraph graph = AgentGraph.builder("Slow")
        .llmAgent("slow", a -> a.instructions("Slow.").input("q", String.class)).build();
    try (OpenAiModel model = model(RetryPolicy.NONE)) {
      Run<Object> run = Orchestrator.builder(graph).model(model).build().start("slow", "?");
      requested.await();
      run.cancel();
      try {
        run.await();
      } catch (RunCancelledException expected) {
        // the run was cancelled
      }
      never.countDown();
      List<RunEvent> events = run.events().toList();
      RunEvent.ModelCallFinished finished = events.stream()
          .filter(e -> e instanceof RunEvent.ModelCallFinished).map(e -> (RunEvent.ModelCallFinished) e)
          .findFirst().orElseThrow();
      assertFalse(finished.succeeded());
      assertTrue(finished.error().startsWith("abandoned: the run was cancelled"), finished.error());
      RunEvent.RunFailed failed = (RunEvent.RunFailed) events.get(events.size() - 1);
      assertEquals(1, failed.usage().modelCalls());
      assertTrue(logLines.stream().anyMatch(l -> l.startsWith("INFO") && l.contains("abandoned")),
          logLines.toString());
    }
  }
}
