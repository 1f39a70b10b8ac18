package dev.baton.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spans and metrics of real runs, recorded by the OpenTelemetry SDK with in-memory exporters
 * and asserted whole.
 */
class SpanTreeTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private OpenTelemetrySdk sdk;

  /** Counts spans started and ended, so a span left open shows. */
  private final SpanProcessor counter = new SpanProcessor() {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      started.incrementAndGet();
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.incrementAndGet();
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  };

  @BeforeEach
  void setUp() {
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(counter)
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .build();
  }

  @AfterEach
  void tearDown() {
    sdk.close();
  }

  private static AgentGraph inspection() {
    return AgentGraph.builder("Inspection")
        .llmAgent("desk", a -> a.instructions("You are the front desk.").model("gpt-test")
            .input("message", String.class))
        .llmAgent("inspect", a -> a.instructions("Summarize the checks.").description("Inspects a part.")
            .input("part", String.class).parallel("pressure", "seals").timeout("2s"))
        .llmAgent("pressure", a -> a.instructions("Check pressure.").input("part", String.class))
        .llmAgent("seals", a -> a.instructions("Check seals.").input("part", String.class))
        .handoff("desk", "inspect", true)
        .build();
  }

  private static ModelResponse answer(String text, String finish, Usage usage, String id) {
    return new ModelResponse(text, List.of(), usage, finish, "", "", id, "gpt-test-2026");
  }

  /** Answers like a server would; seals never answers until its branch is interrupted. */
  private static Model inspectionModel(CountDownLatch sealsCalled) {
    return (request, listener) -> switch (request.agent()) {
      case "desk" -> request.messages().stream().anyMatch(m -> m instanceof ToolMessage)
          ? answer("Inspection says: pressure fine", "stop", new Usage(70, 12), "r-desk-2")
          : new ModelResponse("", List.of(new ToolCall("call_1", "transfer_to_inspect",
              "{\"part\":\"valve\"}")), new Usage(50, 10, 32, 0), "tool_calls", "", "", "r-desk-1",
              "gpt-test-2026");
      case "inspect" -> answer("pressure fine, seals unknown", "stop", new Usage(30, 8, 0, 5),
          "r-inspect");
      case "pressure" -> answer("pressure ok", "stop", new Usage(20, 4), "r-pressure");
      case "seals" -> {
        sealsCalled.countDown();
        new CountDownLatch(1).await(); // until the timeout interrupts the branch
        throw new AssertionError("not interrupted");
      }
      default -> throw new IllegalArgumentException(request.agent());
    };
  }

  /** name | parent name | kind | status | error.type | selected attributes. */
  private static String describe(SpanData s, Map<String, SpanData> byId) {
    SpanData parent = byId.get(s.getParentSpanId());
    StringBuilder b = new StringBuilder(s.getName()).append(" | parent=")
        .append(parent == null ? "-" : parent.getName()).append(" | ").append(s.getKind())
        .append(" | ").append(s.getStatus().getStatusCode());
    Map<String, Object> attributes = new TreeMap<>();
    s.getAttributes().forEach((k, v) -> {
      if (!k.getKey().equals("baton.run.id")) {
        attributes.put(k.getKey(), v);
      }
    });
    return b.append(" | ").append(attributes).toString();
  }

  @Test
  void backHandoffIntoAFanOutWithATimedOutBranch() throws Exception {
    BatonTelemetry telemetry = BatonTelemetry.create(sdk);
    Orchestrator o = Orchestrator.builder(inspection()).model(inspectionModel(new CountDownLatch(1)))
        .options(RunOptions.builder().listener(telemetry.listener()).build()).build();

    Span request = sdk.getTracer("test").spanBuilder("POST /inspect").startSpan();
    Run<Object> run;
    try (Scope ignored = request.makeCurrent()) {
      run = o.start("desk", "check the valve");
    }
    assertEquals("Inspection says: pressure fine", run.await());
    request.end();

    List<SpanData> finished = spans.getFinishedSpanItems();
    Map<String, SpanData> byId = finished.stream()
        .collect(Collectors.toMap(SpanData::getSpanId, s -> s));
    List<String> tree = finished.stream().filter(s -> !s.getName().equals("POST /inspect"))
        .map(s -> describe(s, byId)).sorted().toList();
    String common = "gen_ai.provider.name=openai";
    assertEquals(List.of(
        "chat gpt-test | parent=invoke_agent desk | CLIENT | UNSET | {baton.agent.path=desk,"
            + " baton.model.attempts=1, gen_ai.agent.name=desk, gen_ai.operation.name=chat, " + common
            + ", gen_ai.request.model=gpt-test, gen_ai.response.finish_reasons=[stop],"
            + " gen_ai.response.id=r-desk-2, gen_ai.response.model=gpt-test-2026,"
            + " gen_ai.usage.input_tokens=70, gen_ai.usage.output_tokens=12}",
        "chat gpt-test | parent=invoke_agent desk | CLIENT | UNSET | {baton.agent.path=desk,"
            + " baton.model.attempts=1, gen_ai.agent.name=desk, gen_ai.operation.name=chat, " + common
            + ", gen_ai.request.model=gpt-test, gen_ai.response.finish_reasons=[tool_calls],"
            + " gen_ai.response.id=r-desk-1, gen_ai.response.model=gpt-test-2026,"
            + " gen_ai.usage.cache_read.input_tokens=32, gen_ai.usage.input_tokens=50,"
            + " gen_ai.usage.output_tokens=10}",
        "chat gpt-test-2026 | parent=invoke_agent inspect | CLIENT | UNSET | {baton.agent.path=desk>inspect,"
            + " baton.model.attempts=1, gen_ai.agent.name=inspect, gen_ai.operation.name=chat, " + common
            + ", gen_ai.response.finish_reasons=[stop], gen_ai.response.id=r-inspect,"
            + " gen_ai.response.model=gpt-test-2026, gen_ai.usage.input_tokens=30,"
            + " gen_ai.usage.output_tokens=8, gen_ai.usage.reasoning.output_tokens=5}",
        "chat gpt-test-2026 | parent=invoke_agent pressure | CLIENT | UNSET |"
            + " {baton.agent.path=desk>inspect/pressure, baton.model.attempts=1,"
            + " gen_ai.agent.name=pressure, gen_ai.operation.name=chat, " + common
            + ", gen_ai.response.finish_reasons=[stop], gen_ai.response.id=r-pressure,"
            + " gen_ai.response.model=gpt-test-2026, gen_ai.usage.input_tokens=20,"
            + " gen_ai.usage.output_tokens=4}",
        "chat | parent=invoke_agent seals | CLIENT | ERROR | {baton.agent.path=desk>inspect/seals,"
            + " error.type=timeout, gen_ai.agent.name=seals, gen_ai.operation.name=chat, " + common + "}",
        "execute_tool transfer_to_inspect | parent=invoke_agent desk | INTERNAL | UNSET |"
            + " {baton.agent.path=desk, gen_ai.operation.name=execute_tool, gen_ai.tool.call.id=call_1,"
            + " gen_ai.tool.name=transfer_to_inspect, gen_ai.tool.type=function}",
        "invoke_agent desk | parent=POST /inspect | INTERNAL | UNSET | {baton.agent.kind=LLM,"
            + " baton.agent.path=desk, baton.run.input_tokens=170, baton.run.model_calls=5,"
            + " baton.run.output_tokens=34, baton.run.resumed=false, baton.run.status=SUCCEEDED,"
            + " gen_ai.agent.name=desk, gen_ai.operation.name=invoke_agent, " + common + "}",
        "invoke_agent inspect | parent=invoke_agent desk | INTERNAL | UNSET | {baton.agent.kind=LLM,"
            + " baton.agent.path=desk>inspect, gen_ai.agent.name=inspect,"
            + " gen_ai.operation.name=invoke_agent, " + common + "}",
        "invoke_agent pressure | parent=invoke_agent inspect | INTERNAL | UNSET | {baton.agent.kind=LLM,"
            + " baton.agent.path=desk>inspect/pressure, baton.branch.outcome=succeeded,"
            + " gen_ai.agent.name=pressure, gen_ai.operation.name=invoke_agent, " + common + "}",
        "invoke_agent seals | parent=invoke_agent inspect | INTERNAL | ERROR | {baton.agent.kind=LLM,"
            + " baton.agent.path=desk>inspect/seals, baton.branch.outcome=timed_out, error.type=timeout,"
            + " gen_ai.agent.name=seals, gen_ai.operation.name=invoke_agent, " + common + "}"),
        tree);

    // One trace, rooted where the run was started although it ran on its own virtual threads.
    assertTrue(finished.stream().allMatch(s -> s.getTraceId().equals(request.getSpanContext().getTraceId())));
    // The timed-out branch and the call inside it end at the timeout, when the branch did.
    SpanData seals = finished.stream().filter(s -> s.getName().equals("invoke_agent seals")).findFirst().orElseThrow();
    SpanData sealsChat = finished.stream().filter(s -> s.getName().equals("chat")).findFirst().orElseThrow();
    RunEvent.BranchFinished timedOut = run.events().filter(e -> e instanceof RunEvent.BranchFinished b
        && b.path().equals("desk>inspect/seals")).map(e -> (RunEvent.BranchFinished) e).findFirst().orElseThrow();
    long timeoutNanos = timedOut.at().getEpochSecond() * 1_000_000_000L + timedOut.at().getNano();
    assertEquals(timeoutNanos, seals.getEndEpochNanos());
    assertEquals(timeoutNanos, sealsChat.getEndEpochNanos());
    assertTrue(seals.getStatus().getDescription().contains("timed out after PT2S"), seals.getStatus().getDescription());
    assertEquals(started.get(), ended.get(), "every span started was ended");

    // Metrics: one duration point per answered call, tokens as input and output.
    Collection<MetricData> all = metrics.collectAllMetrics();
    MetricData duration = metric(all, "gen_ai.client.operation.duration");
    assertEquals("s", duration.getUnit());
    assertEquals(4, duration.getHistogramData().getPoints().stream().mapToLong(HistogramPointData::getCount).sum());
    MetricData tokens = metric(all, "gen_ai.client.token.usage");
    assertEquals("{token}", tokens.getUnit());
    assertEquals(170.0, tokenSum(tokens, "input"));
    assertEquals(34.0, tokenSum(tokens, "output"));
  }

  private static MetricData metric(Collection<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " in " + all));
  }

  private static double tokenSum(MetricData tokens, String type) {
    return tokens.getHistogramData().getPoints().stream()
        .filter(p -> type.equals(p.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type"))))
        .mapToDouble(HistogramPointData::getSum).sum();
  }

  @Test
  void aCancelledRunEndsEverySpanItOpened() throws Exception {
    CountDownLatch sealsCalled = new CountDownLatch(1);
    Orchestrator o = Orchestrator.builder(inspection()).model(inspectionModel(sealsCalled))
        .options(BatonTelemetry.create(sdk).install(RunOptions.defaults())).build();
    Run<Object> run = o.start("desk", "check the valve");
    sealsCalled.await();
    run.cancel();
    try {
      run.await();
    } catch (RunCancelledException expected) {
      // cancelled
    }
    assertEquals(started.get(), ended.get(), "every span started was ended");
    List<SpanData> finished = spans.getFinishedSpanItems();
    SpanData root = finished.stream().filter(s -> s.getName().equals("invoke_agent desk")).findFirst().orElseThrow();
    assertEquals(StatusCode.ERROR, root.getStatus().getStatusCode());
    assertEquals("cancelled", root.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals("CANCELLED", root.getAttributes().get(AttributeKey.stringKey("baton.run.status")));
    SpanData seals = finished.stream().filter(s -> s.getName().equals("invoke_agent seals")).findFirst().orElseThrow();
    assertEquals(StatusCode.ERROR, seals.getStatus().getStatusCode());
    assertTrue(finished.stream().allMatch(s -> s.getEndEpochNanos() <= root.getEndEpochNanos()),
        "nothing outlives the run");
  }

  @Test
  void contentIsRecordedOnlyWhenEnabled() throws Exception {
    AgentGraph graph = AgentGraph.builder("Echo")
        .llmAgent("echo", a -> a.instructions("Echo.").input("text", String.class)).build();
    Model model = (request, listener) -> {
      listener.onTextDelta("secret ");
      listener.onTextDelta("answer");
      return answer("secret answer", "stop", new Usage(3, 2), "r-echo");
    };
    Orchestrator plain = Orchestrator.builder(graph).model(model)
        .options(BatonTelemetry.create(sdk).install(RunOptions.defaults())).build();
    plain.call("echo", "private prompt");
    assertFalse(spans.getFinishedSpanItems().toString().contains("secret answer"));

    spans.reset();
    Orchestrator capturing = Orchestrator.builder(graph).model(model)
        .options(BatonTelemetry.builder(sdk).captureContent(true).build().install(RunOptions.defaults()))
        .build();
    capturing.call("echo", "private prompt");
    SpanData chat = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT)
        .findFirst().orElseThrow();
    assertEquals("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"secret answer\"}],"
        + "\"finish_reason\":\"stop\"}]",
        chat.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages")));
  }

  @Test
  void aNoopOpenTelemetryGivesRunsNoListenerWhileAnSdkDoes() {
    assertTrue(BatonTelemetry.create(io.opentelemetry.api.OpenTelemetry.noop()).listener().forRun("r")
        == dev.baton.runtime.RunListener.NONE);
    assertFalse(BatonTelemetry.create(sdk).listener().forRun("r") == dev.baton.runtime.RunListener.NONE);
  }

  @Test
  void aBlockingCallIsTracedUnderTheCallersContextToo() {
    AgentGraph graph = AgentGraph.builder("Echo")
        .llmAgent("echo", a -> a.instructions("Echo.").input("text", String.class)).build();
    Orchestrator o = Orchestrator.builder(graph)
        .model((request, listener) -> answer("hi", "stop", Usage.NONE, "r"))
        .options(BatonTelemetry.create(sdk).install(RunOptions.defaults())).build();
    Span outer = sdk.getTracer("test").spanBuilder("job").startSpan();
    try (Scope ignored = outer.makeCurrent()) {
      o.call("echo", "x");
    }
    outer.end();
    SpanData root = spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("invoke_agent echo")).findFirst().orElseThrow();
    assertEquals(outer.getSpanContext().getSpanId(), root.getParentSpanId());
    List<String> names = new ArrayList<>(spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    assertEquals(List.of("chat gpt-test-2026", "invoke_agent echo", "job"), names.stream().sorted().toList());
  }
}
