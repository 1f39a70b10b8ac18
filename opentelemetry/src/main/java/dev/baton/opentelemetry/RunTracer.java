package dev.baton.opentelemetry;

import static dev.baton.opentelemetry.GenAiConventions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.Outcome;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.RunUsage;
import dev.baton.runtime.model.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the events of one run into spans and metrics. Receives the run's events in order on the
 * run's listener thread, so it needs no locking; spans take the events' timestamps.
 *
 * <p>Spans are keyed by agent path; a span's parent is the span of the nearest enclosing path
 * ({@code a>b/c} under {@code a>b} under {@code a}); the first invocation without an enclosing
 * span is the run's root, parented to the context captured where the run started.
 */
final class RunTracer implements RunListener {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the runtime says of work it stopped because its fan-out branch timed out. */
  private static final String BRANCH_TIMED_OUT = "branch timed out after";

  private final BatonTelemetry telemetry;
  private final Context parent;
  /** Every invocation span seen, open or not, for parenting. */
  private final Map<String, Span> agents = new HashMap<>();
  /** Invocation spans not ended yet, by path, in start order. */
  private final Map<String, Span> openAgents = new LinkedHashMap<>();
  /** When an invocation ended, for spans kept open until their branch outcome or the run's end. */
  private final Map<String, Instant> agentEnded = new HashMap<>();
  private final Map<String, Chat> chats = new HashMap<>();
  private final Map<String, Span> tools = new LinkedHashMap<>();
  private final Set<String> branches = new HashSet<>();
  /** Branches that timed out: nothing under them is traced after the timeout. */
  private final List<String> cutOff = new ArrayList<>();
  private String runId = "";
  private String rootPath;
  private Instant runStarted;
  private boolean resumed;

  /** A model call in flight on a path. */
  private static final class Chat {
    final Span span;
    final StringBuilder text = new StringBuilder();
    String model;

    Chat(Span span, String model) {
      this.span = span;
      this.model = model;
    }
  }

  RunTracer(BatonTelemetry telemetry, Context parent) {
    this.telemetry = telemetry;
    this.parent = parent;
  }

  @Override
  public void onEvent(RunEvent event) {
    runId = event.runId();
    if (!(event instanceof RunEvent.RunFinished || event instanceof RunEvent.RunFailed)
        && isCutOff(event.path())) {
      return; // late news from a branch already ended at its timeout
    }
    switch (event) {
      case RunEvent.RunStarted e -> {
        runStarted = e.at();
        resumed = e.resumed();
      }
      case RunEvent.AgentStarted e -> agentStarted(e.path(), e.agent(), e.kind(), e.at());
      case RunEvent.AgentFinished e -> agentFinished(e);
      case RunEvent.BranchStarted e -> branches.add(e.path());
      case RunEvent.BranchFinished e -> branchFinished(e);
      case RunEvent.ModelCallStarted e -> modelCallStarted(e);
      case RunEvent.TextDelta e -> {
        Chat chat = chats.get(e.path());
        if (chat != null && telemetry.captureContent) {
          chat.text.append(e.text());
        }
      }
      case RunEvent.ModelCallFinished e -> modelCallFinished(e);
      case RunEvent.ToolCalled e -> toolCalled(e);
      case RunEvent.ToolReturned e -> toolReturned(e);
      case RunEvent.HandoffOccurred e -> {
        Span source = agents.get(e.path());
        if (source != null) {
          source.addEvent(EVENT_HANDOFF, Attributes.of(HANDOFF_TARGET, e.to(), HANDOFF_BACK, e.back()),
              e.at());
        }
      }
      case RunEvent.ApprovalRequested e -> {
        Span span = agents.get(e.path());
        if (span != null) {
          span.addEvent(EVENT_APPROVAL, Attributes.of(TOOL_NAME, e.approval().tool(),
              TOOL_CALL_ID, e.approval().callId()), e.at());
        }
      }
      case RunEvent.WorkAbandoned e -> {
        Span span = agents.get(e.path());
        if (span != null) {
          span.addEvent(EVENT_WORK_ABANDONED, Attributes.of(ABANDONED_WORK, e.work()), e.at());
        }
      }
      case RunEvent.RunFinished e -> runEnded(e.at(), e.status(), "", e.usage());
      case RunEvent.RunFailed e -> runEnded(e.at(), e.status(), e.error(), e.usage());
      // Hand-backs, output repairs and events added later change no span.
      default -> { }
    }
  }

  private Span agentStarted(String path, String agent, String kind, Instant at) {
    Context parentContext = parentOf(path);
    boolean root = parentContext == null;
    SpanBuilder b = telemetry.tracer.spanBuilder(INVOKE_AGENT + " " + agent)
        .setSpanKind(SpanKind.INTERNAL)
        .setParent(root ? parent : parentContext)
        .setStartTimestamp(at)
        .setAttribute(OPERATION_NAME, INVOKE_AGENT)
        .setAttribute(PROVIDER_NAME, telemetry.providerName)
        .setAttribute(AGENT_NAME, agent)
        .setAttribute(AGENT_PATH, path)
        .setAttribute(RUN_ID, runId);
    if (kind != null) {
      b.setAttribute(AGENT_KIND, kind);
    }
    if (root) {
      b.setAttribute(RUN_RESUMED, resumed);
    }
    Span span = b.startSpan();
    if (root && rootPath == null) {
      rootPath = path;
    }
    agents.put(path, span);
    openAgents.put(path, span);
    return span;
  }

  private void agentFinished(RunEvent.AgentFinished e) {
    Span span = openAgents.get(e.path());
    if (span == null) {
      return;
    }
    if (!e.succeeded()) {
      if (e.error().equals("paused for approval")) {
        span.setAttribute(RUN_STATUS, RunStatus.INTERRUPTED.name());
      } else {
        fail(span, errorType(e.error()), e.error());
      }
    }
    // A branch's span waits for its outcome, the root's for the run's end and totals.
    if (branches.contains(e.path()) || e.path().equals(rootPath)) {
      agentEnded.put(e.path(), e.at());
    } else {
      openAgents.remove(e.path());
      span.end(e.at());
    }
  }

  private void branchFinished(RunEvent.BranchFinished e) {
    String path = e.path();
    Span span = openAgents.get(path);
    if (span == null && !agents.containsKey(path)) {
      // A branch that never started (its slot never came before the timeout): a span says so.
      span = agentStarted(path, e.outcome().agent(), null, e.at());
    }
    if (span == null) {
      return;
    }
    switch (e.outcome()) {
      case Outcome.Success<?> s -> span.setAttribute(BRANCH_OUTCOME, OUTCOME_SUCCEEDED);
      case Outcome.Failed<?> f -> {
        span.setAttribute(BRANCH_OUTCOME, OUTCOME_FAILED);
        fail(span, f.error().getClass().getName(), String.valueOf(f.error().getMessage()));
      }
      case Outcome.TimedOut<?> t -> {
        span.setAttribute(BRANCH_OUTCOME, OUTCOME_TIMED_OUT);
        String why = "branch " + t.agent() + " timed out after " + t.after();
        fail(span, ERROR_TIMEOUT, why);
        endUnder(path, e.at(), ERROR_TIMEOUT, "its branch timed out");
        cutOff.add(path);
      }
    }
    openAgents.remove(path);
    Instant ended = agentEnded.remove(path);
    span.end(e.outcome() instanceof Outcome.TimedOut<?> || ended == null ? e.at() : ended);
  }

  private void modelCallStarted(RunEvent.ModelCallStarted e) {
    if (e.attempt() > 1) {
      Chat chat = chats.get(e.path());
      if (chat != null) {
        chat.span.addEvent(EVENT_RETRY, Attributes.of(ATTEMPT, (long) e.attempt(), RETRY_REASON,
            e.retryReason()), e.at());
      }
      return;
    }
    Context parentContext = contextOf(e.path());
    SpanBuilder b = telemetry.tracer.spanBuilder(e.model().isEmpty() ? CHAT : CHAT + " " + e.model())
        .setSpanKind(SpanKind.CLIENT)
        .setParent(parentContext)
        .setStartTimestamp(e.at())
        .setAttribute(OPERATION_NAME, CHAT)
        .setAttribute(PROVIDER_NAME, telemetry.providerName)
        .setAttribute(AGENT_NAME, e.agent())
        .setAttribute(AGENT_PATH, e.path())
        .setAttribute(RUN_ID, runId);
    if (!e.model().isEmpty()) {
      b.setAttribute(REQUEST_MODEL, e.model());
    }
    chats.put(e.path(), new Chat(b.startSpan(), e.model()));
  }

  private void modelCallFinished(RunEvent.ModelCallFinished e) {
    Chat chat = chats.remove(e.path());
    if (chat == null) {
      return;
    }
    Span span = chat.span;
    span.setAttribute(MODEL_ATTEMPTS, (long) e.attempts());
    if (!e.responseModel().isEmpty()) {
      span.setAttribute(RESPONSE_MODEL, e.responseModel());
      if (chat.model.isEmpty()) {
        span.updateName(CHAT + " " + e.responseModel());
      }
    }
    if (!e.responseId().isEmpty()) {
      span.setAttribute(RESPONSE_ID, e.responseId());
    }
    if (!e.finishReason().isEmpty()) {
      span.setAttribute(RESPONSE_FINISH_REASONS, List.of(e.finishReason()));
    }
    Usage usage = e.usage();
    boolean reported = !usage.isEmpty();
    if (reported) {
      span.setAttribute(USAGE_INPUT_TOKENS, usage.inputTokens());
      span.setAttribute(USAGE_OUTPUT_TOKENS, usage.outputTokens());
      if (usage.cachedInputTokens() > 0) {
        span.setAttribute(USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedInputTokens());
      }
      if (usage.reasoningTokens() > 0) {
        span.setAttribute(USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningTokens());
      }
    }
    String errorType = null;
    if (!e.succeeded()) {
      errorType = errorType(e.error());
      fail(span, errorType, e.error());
    } else if (telemetry.captureContent) {
      span.setAttribute(OUTPUT_MESSAGES, outputMessages(chat.text.toString(), e.finishReason()));
    }
    span.end(e.at());

    AttributesBuilder metric = Attributes.builder()
        .put(OPERATION_NAME, CHAT)
        .put(PROVIDER_NAME, telemetry.providerName);
    if (!e.model().isEmpty()) {
      metric.put(REQUEST_MODEL, e.model());
    }
    if (!e.responseModel().isEmpty()) {
      metric.put(RESPONSE_MODEL, e.responseModel());
    }
    if (errorType != null) {
      metric.put(ERROR_TYPE, errorType);
    }
    Attributes attributes = metric.build();
    telemetry.operationDuration.record(e.took().toNanos() / 1e9, attributes);
    if (reported) {
      telemetry.tokenUsage.record(usage.inputTokens(),
          attributes.toBuilder().put(TOKEN_TYPE, TOKEN_INPUT).build());
      telemetry.tokenUsage.record(usage.outputTokens(),
          attributes.toBuilder().put(TOKEN_TYPE, TOKEN_OUTPUT).build());
    }
  }

  private void toolCalled(RunEvent.ToolCalled e) {
    SpanBuilder b = telemetry.tracer.spanBuilder(EXECUTE_TOOL + " " + e.tool())
        .setSpanKind(SpanKind.INTERNAL)
        .setParent(contextOf(e.path()))
        .setStartTimestamp(e.at())
        .setAttribute(OPERATION_NAME, EXECUTE_TOOL)
        .setAttribute(TOOL_NAME, e.tool())
        .setAttribute(TOOL_CALL_ID, e.callId())
        .setAttribute(TOOL_TYPE, TOOL_TYPE_FUNCTION)
        .setAttribute(AGENT_PATH, e.path())
        .setAttribute(RUN_ID, runId);
    if (telemetry.captureContent) {
      b.setAttribute(TOOL_CALL_ARGUMENTS, e.arguments());
    }
    tools.put(toolKey(e.path(), e.callId()), b.startSpan());
  }

  private void toolReturned(RunEvent.ToolReturned e) {
    Span span = tools.remove(toolKey(e.path(), e.callId()));
    if (span == null) {
      // A result without a call: a refused handoff or an unknown tool answered at once.
      return;
    }
    if (e.error()) {
      fail(span, ERROR_TOOL, e.result());
    }
    if (telemetry.captureContent) {
      span.setAttribute(TOOL_CALL_RESULT, e.result());
    }
    span.end(e.at());
  }

  private void runEnded(Instant at, RunStatus status, String error, RunUsage usage) {
    String why = status == RunStatus.CANCELLED ? "the run was cancelled" : "the run ended";
    String type = status == RunStatus.CANCELLED ? ERROR_CANCELLED : errorType(error);
    // Whatever is still open ends with the run, innermost first.
    for (Chat chat : chats.values()) {
      fail(chat.span, type, why);
      chat.span.end(at);
    }
    chats.clear();
    for (Span tool : tools.values()) {
      fail(tool, type, why);
      tool.end(at);
    }
    tools.clear();
    Span root = rootPath == null ? null : agents.get(rootPath);
    if (root == null) {
      // The run failed before its entry began: one span records the failure.
      root = telemetry.tracer.spanBuilder(INVOKE_AGENT).setSpanKind(SpanKind.INTERNAL)
          .setParent(parent).setStartTimestamp(runStarted == null ? at : runStarted)
          .setAttribute(OPERATION_NAME, INVOKE_AGENT)
          .setAttribute(PROVIDER_NAME, telemetry.providerName)
          .setAttribute(RUN_ID, runId).startSpan();
      openAgents.put("", root);
      rootPath = "";
    }
    root.setAttribute(RUN_STATUS, status.name());
    root.setAttribute(RUN_MODEL_CALLS, (long) usage.modelCalls());
    root.setAttribute(RUN_INPUT_TOKENS, usage.total().inputTokens());
    root.setAttribute(RUN_OUTPUT_TOKENS, usage.total().outputTokens());
    if (status == RunStatus.FAILED || status == RunStatus.CANCELLED) {
      fail(root, type, error);
    }
    List<Map.Entry<String, Span>> open = new ArrayList<>(openAgents.entrySet());
    for (int i = open.size() - 1; i >= 0; i--) {
      String path = open.get(i).getKey();
      Span span = open.get(i).getValue();
      Instant ended = agentEnded.remove(path);
      if (ended == null && span != root) {
        fail(span, type, why);
      }
      // The root stands for the run: it ends with it, after everything the run did.
      span.end(ended != null && span != root ? ended : at);
    }
    openAgents.clear();
  }

  /** Ends every span strictly under {@code branch}, as of {@code at}. */
  private void endUnder(String branch, Instant at, String type, String why) {
    chats.entrySet().removeIf(c -> {
      if (!isUnder(c.getKey(), branch) && !c.getKey().equals(branch)) {
        return false;
      }
      fail(c.getValue().span, type, why);
      c.getValue().span.end(at);
      return true;
    });
    tools.entrySet().removeIf(t -> {
      String path = t.getKey().substring(0, t.getKey().indexOf('\u0000'));
      if (!isUnder(path, branch) && !path.equals(branch)) {
        return false;
      }
      fail(t.getValue(), type, why);
      t.getValue().end(at);
      return true;
    });
    openAgents.entrySet().removeIf(a -> {
      if (!isUnder(a.getKey(), branch)) {
        return false;
      }
      agentEnded.remove(a.getKey());
      fail(a.getValue(), type, why);
      a.getValue().end(at);
      return true;
    });
  }

  private boolean isCutOff(String path) {
    for (String branch : cutOff) {
      if (path.equals(branch) || isUnder(path, branch)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code path} is an invocation nested in {@code ancestor}. */
  static boolean isUnder(String path, String ancestor) {
    return path.length() > ancestor.length() && path.startsWith(ancestor)
        && isSeparator(path.charAt(ancestor.length()));
  }

  private static boolean isSeparator(char c) {
    return c == '>' || c == '/' || c == '+';
  }

  /** The context of the nearest enclosing invocation's span, or null if there is none. */
  private Context parentOf(String path) {
    for (int i = path.length() - 1; i > 0; i--) {
      if (isSeparator(path.charAt(i))) {
        Span span = agents.get(path.substring(0, i));
        if (span != null) {
          return parent.with(span);
        }
      }
    }
    return null;
  }

  /** The context of the invocation at {@code path}, else its nearest enclosing one, else the run's. */
  private Context contextOf(String path) {
    Span own = agents.get(path);
    if (own != null) {
      return parent.with(own);
    }
    Context enclosing = parentOf(path);
    return enclosing != null ? enclosing : parent;
  }

  private static String toolKey(String path, String callId) {
    return path + '\u0000' + callId;
  }

  private static void fail(Span span, String type, String description) {
    span.setStatus(StatusCode.ERROR, description == null ? "" : description);
    span.setAttribute(ERROR_TYPE, type);
  }

  /**
   * A low-cardinality error class from an event's error text ({@code Type: message}): the
   * exception's simple name, {@code timeout} for work cut off by its branch's timeout (whichever
   * order its event and the branch's outcome arrive in), {@code cancelled} for other abandoned or
   * cancelled work.
   */
  static String errorType(String error) {
    if (error == null || error.isEmpty()) {
      return ERROR_OTHER;
    }
    if (error.startsWith("abandoned") || error.startsWith("RunCancelledException")) {
      // The runtime gives the reason that settled the work: "its fan-out branch timed out after …".
      return error.contains(BRANCH_TIMED_OUT) ? ERROR_TIMEOUT : ERROR_CANCELLED;
    }
    int colon = error.indexOf(':');
    String head = colon < 0 ? error : error.substring(0, colon);
    return head.isEmpty() || head.contains(" ") ? ERROR_OTHER : head;
  }

  // The conventions' output message shape: [{"role":"assistant","parts":[{"type":"text",...}],...}]
  private static String outputMessages(String text, String finishReason) {
    ArrayNode messages = JSON.createArrayNode();
    ObjectNode message = messages.addObject();
    message.put("role", "assistant");
    ArrayNode parts = message.putArray("parts");
    if (!text.isEmpty()) {
      parts.addObject().put("type", "text").put("content", text);
    }
    message.put("finish_reason", finishReason);
    return messages.toString();
  }
}
