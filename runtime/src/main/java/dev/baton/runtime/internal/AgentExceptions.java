package dev.baton.runtime.internal;

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
import dev.baton.runtime.session.SessionConflictException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Not API: the one codec that carries an {@link AgentException} out of a process and rebuilds it
 * on the other side with its type, agent path, message and typed fields, so that code catching
 * {@code MaxTurnsExceededException} or reading {@code ModelCallException.status()} sees the same
 * exception after a resume from a journal (a failed fan-out branch's outcome) or on a Temporal
 * client or workflow (whose module wraps this codec in its failures). Public only for Baton's
 * own modules.
 *
 * <p>What crosses: the class name, the agent path, the message (which the runtime keeps free of
 * secrets) and the typed fields ({@code MaxTurnsExceededException.limit()},
 * {@code ModelCallException.status()} and {@code attempts()}, {@code
 * IncompleteAnswerException.finishReason()}, {@code ModelRefusalException.refusal()}, {@code
 * AnswerTooLargeException.limit()} and {@code setting()}, {@code AgentArgumentException.agent()}
 * and {@code parameter()}, {@code CallDepthExceededException.limit()}, {@code
 * RunConflictException.reason()}, {@code InvalidRunStateException.problems()}, {@code
 * RunTimeoutException.deadline()}, {@code WaitTimeoutException.waited()}, {@code
 * SessionConflictException}'s id and versions). The run id is not written: the reader supplies
 * it.
 *
 * <p>What does not cross: the cause, suppressed exceptions and the stack trace. A cause may come
 * from a model client, an HTTP library or a driver, whose messages the runtime does not control,
 * so a secret a cause quotes (a key in a URL or a header) never reaches a journal or a history.
 * A subclass the codec does not list (an application's own, or one that carries a run's state,
 * such as {@code ApprovalRequiredException}) is read back as null, and callers fall back to a
 * plain {@code AgentException} with the text they recorded. A failure that is not an {@code
 * AgentException} (a code agent's {@code IllegalStateException}, a model client's own exception)
 * crosses as its stand-in: a plain {@code AgentException} at the agent path where it happened,
 * whose message is the failure's simple class name and message, as a run reports such a failure
 * in its events. A Temporal client receives a code agent's such failure as that type too (a model
 * client's arrives there as a {@code ModelCallException}, made on the workflow's side).
 *
 * <p>JSON shape: {@code {"type": "<class name>", "path": "...", "message": "...", "fields":
 * {...}}}. Thread-safe (stateless).
 */
public final class AgentExceptions {
  private static final String PACKAGE = "dev.baton.runtime.";

  private AgentExceptions() {}

  /**
   * {@code e} as a JSON object ({@code type}, {@code path}, {@code message}, {@code fields});
   * read back with {@link #fromJson}. Never includes the cause.
   */
  public static ObjectNode toJson(AgentException e) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("type", e.getClass().getName()).put("path", e.path())
        .put("message", e.getMessage() == null ? "" : e.getMessage());
    n.set("fields", fields(e));
    return n;
  }

  /**
   * The exception {@link #toJson} wrote, without a cause, or null if {@code n} is not an object
   * or holds none of the runtime's types (missing or malformed fields read as zero or empty).
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

  /**
   * {@code failure} as it crosses a process: itself if it is an {@link AgentException}, else a
   * plain {@code AgentException} at {@code path} whose message is the failure's simple class name
   * and message (no cause).
   *
   * @param runId the run the failure happened in
   * @param path the agent path where it happened, e.g. a fan-out branch's
   * @param failure what was thrown
   */
  static AgentException standIn(String runId, String path, Throwable failure) {
    return failure instanceof AgentException e ? e
        : new AgentException(runId, path, Engine.describe(failure), null);
  }

  /**
   * Rebuilds an exception from its parts, or returns null if {@code type} names none of the
   * runtime's types.
   *
   * @param runId the id the rebuilt exception reports as its run's
   * @param type the exception's class name, as {@link #toJson} wrote it
   * @param path the agent path
   * @param message the exception's whole message (it starts with {@code path: } when the path is
   *     not empty)
   * @param fields the typed fields, as {@link #fields} wrote them
   * @param chain kept as the cause of the types that take one ({@code AgentException}, {@code
   *     ModelCallException}, {@code ModelBehaviorException}), else as a suppressed exception;
   *     null for none
   */
  public static AgentException decode(String runId, String type, String path, String message,
      JsonNode fields, Throwable chain) {
    String t = type == null ? "" : type;
    String p = path == null ? "" : path;
    JsonNode f = fields == null ? Json.mapper().createObjectNode() : fields;
    String simple = t.startsWith(PACKAGE) ? t.substring(PACKAGE.length()) : t;
    if (t.equals(SessionConflictException.class.getName())) {
      simple = "SessionConflictException";
    } else if (!t.equals(simple) && simple.contains(".")) {
      return null; // another package's type
    }
    String whole = message == null ? "" : message;
    String body = p.isEmpty() || !whole.startsWith(p + ": ") ? whole
        : whole.substring(p.length() + 2);
    AgentException x = switch (simple) {
      case "AgentException" -> new AgentException(runId, p, body, chain);
      case "MaxTurnsExceededException" ->
          new MaxTurnsExceededException(runId, p, f.path("limit").asInt(), body);
      case "CallDepthExceededException" ->
          new CallDepthExceededException(runId, p, f.path("limit").asInt());
      case "ModelCallException" -> new ModelCallException(runId, p, f.path("status").asInt(),
          f.path("attempts").asInt(), body, chain);
      case "ModelBehaviorException" -> new ModelBehaviorException(runId, p, body, chain);
      case "IncompleteAnswerException" ->
          new IncompleteAnswerException(runId, p, f.path("finishReason").asText(), body);
      case "ModelRefusalException" ->
          new ModelRefusalException(runId, p, f.path("refusal").asText(), body);
      case "AnswerTooLargeException" -> answerTooLarge(runId, p, f, body);
      case "AgentArgumentException" -> new AgentArgumentException(runId, p,
          f.path("agent").asText(), f.path("parameter").asText(), body);
      case "RunSetupException" -> new RunSetupException(runId, p, body);
      case "RunConflictException" -> conflict(runId, f, body);
      case "InvalidRunStateException" -> invalidState(runId, f, body);
      case "RunCancelledException" -> new RunCancelledException(runId, p, body);
      case "RunTimeoutException" -> new RunTimeoutException(runId, p, duration(f, "deadline"));
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

  /** The typed fields of {@code e} as a JSON object; empty for types that have none. */
  public static ObjectNode fields(AgentException e) {
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
    if (body.startsWith(head + ": ") && body.endsWith(tail)
        && body.length() >= head.length() + 2 + tail.length()) {
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
}
