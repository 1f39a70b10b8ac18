package dev.baton.opentelemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Every span name, attribute key, metric name and well-known value Baton emits, in one place,
 * because the OpenTelemetry GenAI semantic conventions are still in "Development" and change
 * between releases. These follow release {@value #VERSION}: {@code docs/gen-ai/gen-ai-spans.md},
 * {@code gen-ai-agent-spans.md}, {@code gen-ai-metrics.md} and {@code
 * docs/registry/attributes/gen-ai.md} of {@code open-telemetry/semantic-conventions} at tag {@code
 * v1.41.0}. Keys under {@code baton.} are Baton's own, for what the conventions have no name for.
 *
 * <p>Constants only; thread-safe.
 */
public final class GenAiConventions {
  private GenAiConventions() {}

  /** The semantic-conventions release these names follow. */
  public static final String VERSION = "1.41.0";

  /** The schema URL of that release, set on Baton's tracer and meter. */
  public static final String SCHEMA_URL = "https://opentelemetry.io/schemas/" + VERSION;

  // Operation names (gen_ai.operation.name), also the first word of span names.

  /** An agent invocation in this process: span {@code invoke_agent {gen_ai.agent.name}}, INTERNAL. */
  public static final String INVOKE_AGENT = "invoke_agent";

  /** A chat model call: span {@code chat {gen_ai.request.model}}, CLIENT. */
  public static final String CHAT = "chat";

  /** A tool call: span {@code execute_tool {gen_ai.tool.name}}, INTERNAL. */
  public static final String EXECUTE_TOOL = "execute_tool";

  // Attributes of the conventions.

  /** {@code gen_ai.operation.name}: {@link #INVOKE_AGENT}, {@link #CHAT}, {@link #EXECUTE_TOOL}. */
  public static final AttributeKey<String> OPERATION_NAME = stringKey("gen_ai.operation.name");

  /** {@code gen_ai.provider.name}, e.g. {@code openai}. */
  public static final AttributeKey<String> PROVIDER_NAME = stringKey("gen_ai.provider.name");

  /** {@code gen_ai.agent.name}. */
  public static final AttributeKey<String> AGENT_NAME = stringKey("gen_ai.agent.name");

  /** {@code gen_ai.request.model}. */
  public static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");

  /** {@code gen_ai.response.model}. */
  public static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");

  /** {@code gen_ai.response.id}. */
  public static final AttributeKey<String> RESPONSE_ID = stringKey("gen_ai.response.id");

  /** {@code gen_ai.response.finish_reasons}. */
  public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
      stringArrayKey("gen_ai.response.finish_reasons");

  /** {@code gen_ai.usage.input_tokens}. */
  public static final AttributeKey<Long> USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");

  /** {@code gen_ai.usage.output_tokens}. */
  public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");

  /** {@code gen_ai.usage.cache_read.input_tokens}: input tokens served from the provider's cache. */
  public static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_read.input_tokens");

  /** {@code gen_ai.usage.reasoning.output_tokens}. */
  public static final AttributeKey<Long> USAGE_REASONING_OUTPUT_TOKENS =
      longKey("gen_ai.usage.reasoning.output_tokens");

  /** {@code gen_ai.tool.name}. */
  public static final AttributeKey<String> TOOL_NAME = stringKey("gen_ai.tool.name");

  /** {@code gen_ai.tool.call.id}. */
  public static final AttributeKey<String> TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");

  /** {@code gen_ai.tool.type}: always {@link #TOOL_TYPE_FUNCTION} for Baton's tools. */
  public static final AttributeKey<String> TOOL_TYPE = stringKey("gen_ai.tool.type");

  /** {@code gen_ai.tool.call.arguments} (opt-in content). */
  public static final AttributeKey<String> TOOL_CALL_ARGUMENTS = stringKey("gen_ai.tool.call.arguments");

  /** {@code gen_ai.tool.call.result} (opt-in content). */
  public static final AttributeKey<String> TOOL_CALL_RESULT = stringKey("gen_ai.tool.call.result");

  /** {@code gen_ai.output.messages} (opt-in content), as JSON text. */
  public static final AttributeKey<String> OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");

  /** {@code error.type}: a low-cardinality class of error. */
  public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

  /** {@code gen_ai.token.type}, on the token usage metric: {@link #TOKEN_INPUT} or {@link #TOKEN_OUTPUT}. */
  public static final AttributeKey<String> TOKEN_TYPE = stringKey("gen_ai.token.type");

  /** The provider name used unless another is configured: Baton's client speaks OpenAI's API. */
  public static final String PROVIDER_OPENAI = "openai";

  /** {@code gen_ai.tool.type} of a function tool. */
  public static final String TOOL_TYPE_FUNCTION = "function";

  /** {@code gen_ai.token.type} of input tokens. */
  public static final String TOKEN_INPUT = "input";

  /** {@code gen_ai.token.type} of output tokens. */
  public static final String TOKEN_OUTPUT = "output";

  /** {@code error.type} of a branch that timed out, or work cut off by its branch's timeout. */
  public static final String ERROR_TIMEOUT = "timeout";

  /** {@code error.type} of work ended by a cancelled run or an abandoned model call. */
  public static final String ERROR_CANCELLED = "cancelled";

  /** {@code error.type} of a tool call whose result is an error the model sees. */
  public static final String ERROR_TOOL = "tool_error";

  /** {@code error.type} when nothing more specific is known (the conventions' fallback). */
  public static final String ERROR_OTHER = "_OTHER";

  // Metrics.

  /** Histogram of tokens per model call, unit {@link #TOKEN_USAGE_UNIT}. */
  public static final String METRIC_TOKEN_USAGE = "gen_ai.client.token.usage";

  /** Unit of {@link #METRIC_TOKEN_USAGE}. */
  public static final String TOKEN_USAGE_UNIT = "{token}";

  /** Bucket boundaries the conventions give for {@link #METRIC_TOKEN_USAGE}. */
  public static final List<Long> TOKEN_USAGE_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L,
      4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L, 67108864L);

  /** Histogram of model call durations, unit {@link #OPERATION_DURATION_UNIT}. */
  public static final String METRIC_OPERATION_DURATION = "gen_ai.client.operation.duration";

  /** Unit of {@link #METRIC_OPERATION_DURATION}: seconds. */
  public static final String OPERATION_DURATION_UNIT = "s";

  /** Bucket boundaries the conventions give for {@link #METRIC_OPERATION_DURATION}. */
  public static final List<Double> OPERATION_DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08,
      0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

  // Baton's own attributes and span events.

  /** {@code baton.run.id}: the run, on every span. */
  public static final AttributeKey<String> RUN_ID = stringKey("baton.run.id");

  /** {@code baton.run.status}: how the run ended, on its root span. */
  public static final AttributeKey<String> RUN_STATUS = stringKey("baton.run.status");

  /** {@code baton.run.model_calls}: model calls of the whole run, on its root span. */
  public static final AttributeKey<Long> RUN_MODEL_CALLS = longKey("baton.run.model_calls");

  /** {@code baton.run.input_tokens}: input tokens of the whole run, on its root span. */
  public static final AttributeKey<Long> RUN_INPUT_TOKENS = longKey("baton.run.input_tokens");

  /** {@code baton.run.output_tokens}: output tokens of the whole run, on its root span. */
  public static final AttributeKey<Long> RUN_OUTPUT_TOKENS = longKey("baton.run.output_tokens");

  /** {@code baton.run.resumed}: whether the run continued an earlier one from its journal. */
  public static final AttributeKey<Boolean> RUN_RESUMED = booleanKey("baton.run.resumed");

  /** {@code baton.agent.path}: the invocation's agent path, e.g. {@code desk>inspect/seals}. */
  public static final AttributeKey<String> AGENT_PATH = stringKey("baton.agent.path");

  /** {@code baton.agent.kind}: {@code LLM}, {@code CODE} or {@code FAN_OUT}. */
  public static final AttributeKey<String> AGENT_KIND = stringKey("baton.agent.kind");

  /** {@code baton.branch.outcome}: on a fan-out branch's span, {@code succeeded}, {@code failed} or {@code timed_out}. */
  public static final AttributeKey<String> BRANCH_OUTCOME = stringKey("baton.branch.outcome");

  /** {@code baton.model.attempts}: attempts a model call took, on its chat span. */
  public static final AttributeKey<Long> MODEL_ATTEMPTS = longKey("baton.model.attempts");

  /** Span event on a chat span when an attempt is retried. */
  public static final String EVENT_RETRY = "baton.model.retry";

  /** {@code baton.model.attempt}: the attempt number, on {@link #EVENT_RETRY}. */
  public static final AttributeKey<Long> ATTEMPT = longKey("baton.model.attempt");

  /** {@code baton.model.retry_reason}: why the previous attempt failed, on {@link #EVENT_RETRY}. */
  public static final AttributeKey<String> RETRY_REASON = stringKey("baton.model.retry_reason");

  /** Span event on an agent span when it hands the conversation to another agent. */
  public static final String EVENT_HANDOFF = "baton.handoff";

  /** {@code baton.handoff.target}: the agent handed to, on {@link #EVENT_HANDOFF}. */
  public static final AttributeKey<String> HANDOFF_TARGET = stringKey("baton.handoff.target");

  /** {@code baton.handoff.back}: whether the target reports back, on {@link #EVENT_HANDOFF}. */
  public static final AttributeKey<Boolean> HANDOFF_BACK = booleanKey("baton.handoff.back");

  /** Span event on an agent span when a tool call waits for approval. */
  public static final String EVENT_APPROVAL = "baton.approval_requested";

  /** Span event on an agent span when work of it ignored cancellation and was abandoned. */
  public static final String EVENT_WORK_ABANDONED = "baton.work_abandoned";

  /** {@code baton.work}: what was abandoned, e.g. {@code tool refund}, on {@link #EVENT_WORK_ABANDONED}. */
  public static final AttributeKey<String> ABANDONED_WORK = stringKey("baton.work");

  /** Branch outcome value. */
  public static final String OUTCOME_SUCCEEDED = "succeeded";

  /** Branch outcome value. */
  public static final String OUTCOME_FAILED = "failed";

  /** Branch outcome value. */
  public static final String OUTCOME_TIMED_OUT = "timed_out";
}
