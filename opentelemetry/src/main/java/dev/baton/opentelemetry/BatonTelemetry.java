package dev.baton.opentelemetry;

import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traces and measures Baton runs with OpenTelemetry, following the GenAI semantic conventions
 * ({@link GenAiConventions}, release {@value GenAiConventions#VERSION}).
 *
 * <pre>{@code
 * BatonTelemetry telemetry = BatonTelemetry.create(openTelemetry);
 * Support support = SupportRunner.builder().model(model)
 *     .options(RunOptions.builder().listener(telemetry.listener()).build())
 *     .build();
 * // or, keeping options already set: telemetry.install(options)
 * }</pre>
 *
 * <p>Each run becomes one trace fragment: an {@code invoke_agent {agent}} span per agent invocation
 * (the entry, handoff and back-handoff targets, delegates, code agents, each fan-out branch),
 * parented as the agent paths are; a {@code chat {model}} span per model call; an {@code
 * execute_tool {tool}} span per tool call. The entry's span is the run's root and is a child of the
 * OpenTelemetry {@link Context} current on the thread that started the run, even though the run
 * goes on on virtual threads of its own. A fan-out branch's span carries its outcome ({@code
 * baton.branch.outcome}); a branch that times out has its span, and every span under it, ended at
 * the timeout with status error and {@code error.type=timeout}; when a run ends, cancelled or not,
 * every span still open is ended. Model calls also feed the {@code gen_ai.client.token.usage} and
 * {@code gen_ai.client.operation.duration} histograms.
 *
 * <p>Spans are built from the run's events on the run's listener thread, with the events'
 * timestamps, so tracing never slows an agent. Prompts, answers, tool arguments and tool results
 * are recorded only with {@link Builder#captureContent(boolean)}; API keys never reach any
 * event, so never any span.
 *
 * <p>With {@link OpenTelemetry#noop()} (no-op tracer and meter providers) runs get no listener at
 * all, so installing the module costs nothing until an SDK is configured.
 *
 * <p>Immutable and thread-safe: one instance serves any number of runners and runs.
 */
public final class BatonTelemetry {
  /** The instrumentation scope name of Baton's tracer and meter. */
  public static final String INSTRUMENTATION_NAME = "dev.baton.opentelemetry";

  final Tracer tracer;
  final LongHistogram tokenUsage;
  final DoubleHistogram operationDuration;
  final String providerName;
  final boolean captureContent;
  /** Whether spans or metrics go anywhere; with a no-op OpenTelemetry, runs get no listener. */
  private final boolean enabled;
  private final RunListener listener = new Listener();

  private BatonTelemetry(Builder b) {
    this.tracer = b.openTelemetry.tracerBuilder(INSTRUMENTATION_NAME)
        .setSchemaUrl(GenAiConventions.SCHEMA_URL).build();
    Meter meter = b.openTelemetry.meterBuilder(INSTRUMENTATION_NAME)
        .setSchemaUrl(GenAiConventions.SCHEMA_URL).build();
    this.tokenUsage = meter.histogramBuilder(GenAiConventions.METRIC_TOKEN_USAGE)
        .setDescription("Number of input and output tokens used.")
        .setUnit(GenAiConventions.TOKEN_USAGE_UNIT)
        .ofLongs()
        .setExplicitBucketBoundariesAdvice(GenAiConventions.TOKEN_USAGE_BUCKETS)
        .build();
    this.operationDuration = meter.histogramBuilder(GenAiConventions.METRIC_OPERATION_DURATION)
        .setDescription("GenAI operation duration.")
        .setUnit(GenAiConventions.OPERATION_DURATION_UNIT)
        .setExplicitBucketBoundariesAdvice(GenAiConventions.OPERATION_DURATION_BUCKETS)
        .build();
    this.providerName = b.providerName;
    this.captureContent = b.captureContent;
    // The API's no-op providers record nothing: skipping them spares each run its listener thread.
    this.enabled = b.openTelemetry.getTracerProvider() != TracerProvider.noop()
        || b.openTelemetry.getMeterProvider() != MeterProvider.noop();
  }

  /**
   * Telemetry with the defaults: provider {@code openai}, no content.
   *
   * @param openTelemetry where spans and metrics go; a no-op instance makes everything cheap
   * @return the telemetry
   */
  public static BatonTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /**
   * A builder.
   *
   * @param openTelemetry where spans and metrics go
   * @return a new builder
   */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  /**
   * The listener that traces every run it is given to. Set it with {@link
   * RunOptions.Builder#listener(RunListener)} on a runner's or an orchestrator's options; combine it
   * with another listener with {@link RunListener#andThen(RunListener)}.
   *
   * @return the listener (the same one each time)
   */
  public RunListener listener() {
    return listener;
  }

  /**
   * Options like {@code options}, whose listener also traces: the existing listener first, then
   * this telemetry.
   *
   * @param options the options to extend
   * @return the new options
   */
  public RunOptions install(RunOptions options) {
    RunListener existing = options.listener();
    return options.toBuilder()
        .listener(existing == RunListener.NONE ? listener : existing.andThen(listener))
        .build();
  }

  @Override
  public String toString() {
    return "BatonTelemetry{provider=" + providerName + ", captureContent=" + captureContent
        + ", conventions=" + GenAiConventions.VERSION + "}";
  }

  /**
   * Hands each run a tracer of its own. Runs normally ask {@link #forRun} on the starting thread;
   * events of runs that did not (a listener called by hand) are traced too, under the context
   * current where their first event is seen.
   */
  private final class Listener implements RunListener {
    private final Map<String, RunTracer> unclaimed = new ConcurrentHashMap<>();

    @Override
    public RunListener forRun(String runId) {
      return enabled ? new RunTracer(BatonTelemetry.this, Context.current()) : RunListener.NONE;
    }

    @Override
    public void onEvent(RunEvent event) {
      if (!enabled) {
        return;
      }
      RunTracer tracer = unclaimed.computeIfAbsent(event.runId(),
          id -> new RunTracer(BatonTelemetry.this, Context.current()));
      tracer.onEvent(event);
      if (event instanceof RunEvent.RunFinished || event instanceof RunEvent.RunFailed) {
        unclaimed.remove(event.runId());
      }
    }
  }

  /** Builds {@link BatonTelemetry}. Not thread-safe. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private String providerName = GenAiConventions.PROVIDER_OPENAI;
    private boolean captureContent;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * Sets {@code gen_ai.provider.name} on every span and metric: {@code openai} by default (the
     * wire format Baton's client speaks); set the conventions' name of the real provider, e.g.
     * {@code azure.ai.openai} or {@code groq}, when known.
     *
     * @param value the provider name
     * @return this
     */
    public Builder providerName(String value) {
      Objects.requireNonNull(value, "providerName");
      if (value.isBlank()) {
        throw new IllegalArgumentException("providerName must not be blank");
      }
      this.providerName = value;
      return this;
    }

    /**
     * Sets whether the model's answers ({@code gen_ai.output.messages}) and tool arguments and
     * results ({@code gen_ai.tool.call.arguments}, {@code gen_ai.tool.call.result}) are recorded
     * on spans. Off by default: they may hold personal data.
     *
     * @param value true to record content
     * @return this
     */
    public Builder captureContent(boolean value) {
      this.captureContent = value;
      return this;
    }

    /** The telemetry. */
    public BatonTelemetry build() {
      return new BatonTelemetry(this);
    }
  }
}
