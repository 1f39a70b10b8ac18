package dev.baton.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.AgentArgumentException;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.AnswerTooLargeException;
import dev.baton.runtime.CallDepthExceededException;
import dev.baton.runtime.IncompleteAnswerException;
import dev.baton.runtime.InvalidRunStateException;
import dev.baton.runtime.MaxTurnsExceededException;
import dev.baton.runtime.ModelBehaviorException;
import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.ModelRefusalException;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunConflictException;
import dev.baton.runtime.RunSetupException;
import dev.baton.runtime.RunTimeoutException;
import dev.baton.runtime.WaitTimeoutException;
import dev.baton.runtime.internal.Json;
import dev.baton.runtime.session.SessionConflictException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries an {@link AgentException} through a workflow's history and rebuilds it on the other
 * side with its type, agent path, message and typed fields, so code that catches
 * {@code MaxTurnsExceededException} or reads {@code ModelCallException.status()} in process works
 * the same against a run on Temporal.
 *
 * <p>The failure's type is the exception's class name (as Temporal names a thrown exception, so a
 * {@code RetryOptions.setDoNotRetry} list of class names applies); its message is the exception's
 * message, which the runtime keeps free of secrets; its details are the agent path and a JSON
 * object of the typed fields. The exception's cause is never carried: a cause may come from a
 * model client or a driver and is not held to that rule. An exception of a type not listed here
 * arrives as a plain {@link AgentException} with its type and message. Thread-safe (stateless).
 */
public final class AgentFailures {
  private static final String PACKAGE = "dev.baton.runtime.";

  private AgentFailures() {}

  /**
   * The failure that carries {@code e}.
   *
   * @param e the exception to carry
   * @param retryable whether Temporal may retry the activity that throws it (subject to its retry
   *     options); workflows pass false
   */
  public static ApplicationFailure encode(AgentException e, boolean retryable) {
    String fields = fields(e).toString();
    String message = e.getMessage() == null ? "" : e.getMessage();
    String type = e.getClass().getName();
    return retryable ? ApplicationFailure.newFailure(message, type, e.path(), fields)
        : ApplicationFailure.newNonRetryableFailure(message, type, e.path(), fields);
  }

  /**
   * The exception a failure carries, or null if it carries none of the runtime's types.
   *
   * @param runId the id the rebuilt exception reports as its run's
   * @param a the failure, as {@link #encode} made it
   * @param chain the Temporal failure it arrived in, kept as cause or suppressed exception
   */
  public static AgentException decode(String runId, ApplicationFailure a, Throwable chain) {
    return decode(runId, a.getType(), detail(a, 0), a.getOriginalMessage(), fieldsOf(a), chain);
  }

  /**
   * {@code e} as a JSON object ({@code type}, {@code path}, {@code message}, {@code fields}), for
   * a failed outcome in a run's result; read back with {@link #fromJson}.
   */
  public static ObjectNode toJson(AgentException e) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("type", e.getClass().getName()).put("path", e.path())
        .put("message", e.getMessage() == null ? "" : e.getMessage());
    n.set("fields", fields(e));
    return n;
  }

  /**
   * The exception {@link #toJson} wrote, or null if {@code n} holds none of the runtime's types.
   *
   * @param runId the id the rebuilt exception reports as its run's
   * @param n the object
   */
  public static AgentException fromJson(String runId, JsonNode n) {
    if (n == null || !n.isObject()) {
      return null;
    }
    JsonNode fields = n.path("fields");
    return decode(runId, n.path("type").asText(), n.path("path").asText(),
        n.path("message").asText(), fields.isObject() ? fields : Json.mapper().createObjectNode(),
        null);
  }

  private static AgentException decode(String runId, String failureType, String path,
      String originalMessage, JsonNode f, Throwable chain) {
    String type = failureType == null ? "" : failureType;
    String simple = type.startsWith(PACKAGE) ? type.substring(PACKAGE.length()) : type;
    if (type.equals(SessionConflictException.class.getName())) {
      simple = "SessionConflictException";
    } else if (!type.equals(simple) && simple.contains(".")) {
      return null; // another package's type
    }
    String message = originalMessage == null ? "" : originalMessage;
    String body = path.isEmpty() || !message.startsWith(path + ": ") ? message
        : message.substring(path.length() + 2);
    AgentException x = switch (simple) {
      case "AgentException" -> new AgentException(runId, path, body, chain);
      case "MaxTurnsExceededException" ->
          new MaxTurnsExceededException(runId, path, f.path("limit").asInt(), body);
      case "CallDepthExceededException" ->
          new CallDepthExceededException(runId, path, f.path("limit").asInt());
      case "ModelCallException" -> new ModelCallException(runId, path, f.path("status").asInt(),
          f.path("attempts").asInt(), body, chain);
      case "ModelBehaviorException" -> new ModelBehaviorException(runId, path, body, chain);
      case "IncompleteAnswerException" ->
          new IncompleteAnswerException(runId, path, f.path("finishReason").asText(), body);
      case "ModelRefusalException" ->
          new ModelRefusalException(runId, path, f.path("refusal").asText(), body);
      case "AnswerTooLargeException" -> answerTooLarge(runId, path, f, body);
      case "AgentArgumentException" -> new AgentArgumentException(runId, path,
          f.path("agent").asText(), f.path("parameter").asText(), body);
      case "RunSetupException" -> new RunSetupException(runId, path, body);
      case "RunConflictException" -> conflict(runId, f, body);
      case "InvalidRunStateException" -> invalidState(runId, f, body);
      case "RunCancelledException" -> new RunCancelledException(runId, path, body);
      case "RunTimeoutException" -> new RunTimeoutException(runId, path, duration(f, "deadline"));
      case "WaitTimeoutException" -> new WaitTimeoutException(runId, duration(f, "waited"));
      case "SessionConflictException" -> new SessionConflictException(runId,
          f.path("sessionId").asText(), f.path("expectedVersion").asLong(),
          f.path("actualVersion").asLong());
      default -> null;
    };
    if (x != null && x.getCause() == null && chain != null) {
      x.addSuppressed(chain);
    }
    return x;
  }

  private static ObjectNode fields(AgentException e) {
    ObjectNode n = Json.mapper().createObjectNode();
    switch (e) {
      case MaxTurnsExceededException m -> n.put("limit", m.limit());
      case CallDepthExceededException c -> n.put("limit", c.limit());
      case ModelCallException m -> n.put("status", m.status()).put("attempts", m.attempts());
      case IncompleteAnswerException i -> n.put("finishReason", i.finishReason());
      case ModelRefusalException r -> n.put("refusal", r.refusal());
      case AnswerTooLargeException t -> n.put("limit", t.limit()).put("setting", t.setting());
      case AgentArgumentException a -> n.put("agent", a.agent()).put("parameter", a.parameter());
      case RunConflictException c -> n.put("reason", c.reason().name());
      case InvalidRunStateException i -> {
        var problems = n.putArray("problems");
        i.problems().forEach(problems::add);
      }
      case RunTimeoutException t -> n.put("deadline", t.deadline().toString());
      case WaitTimeoutException w -> n.put("waited", w.waited().toString());
      case SessionConflictException s -> n.put("sessionId", s.sessionId())
          .put("expectedVersion", s.expectedVersion()).put("actualVersion", s.actualVersion());
      default -> { }
    }
    return n;
  }

  // The message is built from the limit, the setting and a detail that has no field of its own.
  private static AnswerTooLargeException answerTooLarge(String runId, String path, JsonNode f,
      String body) {
    long limit = f.path("limit").asLong();
    String setting = f.path("setting").asText();
    String head = "the model's answer exceeded " + setting + " (" + limit + " characters)";
    String tail = new AnswerTooLargeException("", "", limit, setting, "").getMessage()
        .substring(head.length());
    String detail = "";
    if (body.startsWith(head + ": ") && body.endsWith(tail)) {
      detail = body.substring(head.length() + 2, body.length() - tail.length());
    }
    return new AnswerTooLargeException(runId, path, limit, setting, detail);
  }

  private static RunConflictException conflict(String runId, JsonNode f, String body) {
    RunConflictException.Reason reason;
    try {
      reason = RunConflictException.Reason.valueOf(f.path("reason").asText());
    } catch (IllegalArgumentException e) {
      return null;
    }
    return new RunConflictException(runId, reason, body);
  }

  private static InvalidRunStateException invalidState(String runId, JsonNode f, String body) {
    List<String> problems = new ArrayList<>();
    f.path("problems").forEach(p -> problems.add(p.asText()));
    String joined = problems.isEmpty() ? "" : ": " + String.join("; ", problems);
    String summary = body.endsWith(joined) ? body.substring(0, body.length() - joined.length())
        : body;
    return new InvalidRunStateException(runId, summary, problems);
  }

  private static Duration duration(JsonNode f, String name) {
    try {
      return Duration.parse(f.path(name).asText());
    } catch (RuntimeException e) {
      return Duration.ZERO;
    }
  }

  private static String detail(ApplicationFailure a, int index) {
    try {
      String s = a.getDetails().get(index, String.class, String.class);
      return s == null ? "" : s;
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static JsonNode fieldsOf(ApplicationFailure a) {
    String json = detail(a, 1);
    try {
      JsonNode n = json.isEmpty() ? null : Json.tree(json);
      return n != null && n.isObject() ? n : Json.mapper().createObjectNode();
    } catch (RuntimeException e) {
      return Json.mapper().createObjectNode();
    }
  }
}
