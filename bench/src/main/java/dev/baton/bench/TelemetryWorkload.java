package dev.baton.bench;

import dev.baton.graph.AgentGraph;
import dev.baton.opentelemetry.BatonTelemetry;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/**
 * The {@code step} workload (one LLM agent call on an instant model) with the OpenTelemetry module
 * installed, against the same step without it: once on {@link OpenTelemetry#noop()}, once on the
 * SDK with an in-memory span exporter and metric reader (spans dropped every 10,000 calls so the
 * heap stays flat); and a do-nothing listener, which shows what any listener costs a run.
 */
final class TelemetryWorkload implements Workload {
  @Override
  public String name() {
    return "telemetry";
  }

  @Override
  public String description() {
    return "step with baton-opentelemetry on a no-op OpenTelemetry and on the SDK vs step alone";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    Model model = InstantModels.instant();
    AgentGraph graph = AgentGraph.builder("Step")
        .llmAgent("answer", a -> a.instructions(StepWorkload.INSTRUCTIONS)
            .input("question", String.class).output(String.class))
        .build();
    Orchestrator plain = Orchestrator.builder(graph).model(model).build();
    Orchestrator noop = Orchestrator.builder(graph).model(model)
        .options(BatonTelemetry.create(OpenTelemetry.noop()).install(RunOptions.defaults())).build();

    int warmup = smoke ? 2_000 : 200_000;
    int rounds = smoke ? 1 : 10;
    int perRound = smoke ? 2_000 : 50_000;
    Sampler.Paired n = Sampler.paired(
        () -> noop.call("answer", "What is 2 + 2?"),
        () -> plain.call("answer", "What is 2 + 2?"),
        warmup, rounds, perRound);

    // What any listener costs a run (its delivery thread), apart from what the spans cost.
    Orchestrator listened = Orchestrator.builder(graph).model(model)
        .options(RunOptions.builder().listener(event -> { }).build()).build();
    Sampler.Paired l = Sampler.paired(
        () -> listened.call("answer", "What is 2 + 2?"),
        () -> plain.call("answer", "What is 2 + 2?"),
        smoke ? 2_000 : 50_000, smoke ? 1 : 5, smoke ? 2_000 : 20_000);

    InMemorySpanExporter spans = InMemorySpanExporter.create();
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
    Sampler.Paired s;
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .build()) {
      Orchestrator traced = Orchestrator.builder(graph).model(model)
          .options(BatonTelemetry.create(sdk).install(RunOptions.defaults())).build();
      int[] calls = new int[1];
      s = Sampler.paired(
          () -> {
            if (++calls[0] % 10_000 == 0) {
              spans.reset();
            }
            return traced.call("answer", "What is 2 + 2?");
          },
          () -> plain.call("answer", "What is 2 + 2?"),
          smoke ? 2_000 : 50_000, smoke ? 1 : 5, smoke ? 2_000 : 20_000);
    }

    String w = name();
    double plainNoop = Stats.micros(n.baseline().median());
    double withNoop = Stats.micros(n.measured().median());
    double plainSdk = Stats.micros(s.baseline().median());
    double withSdk = Stats.micros(s.measured().median());
    return List.of(
        Measurement.of(w, "noop_call_median", withNoop, "us", Measurement.format(plainNoop)),
        Measurement.budgeted(w, "noop_added_median", withNoop - plainNoop, "us", "-",
            Measurement.Budget.atMost(1)),
        Measurement.of(w, "listener_added_median", Stats.micros(l.measured().median())
            - Stats.micros(l.baseline().median()), "us", "-"),
        Measurement.of(w, "sdk_call_median", withSdk, "us", Measurement.format(plainSdk)),
        Measurement.of(w, "sdk_call_p99", Stats.micros(s.measured().p99()), "us",
            Measurement.format(Stats.micros(s.baseline().p99()))),
        Measurement.of(w, "sdk_added_median", withSdk - plainSdk, "us", "-"));
  }
}
