package dev.baton.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.internal.AgentExceptions;
import dev.baton.runtime.internal.Json;
import io.temporal.failure.ApplicationFailure;

/**
 * Carries an {@link AgentException} through a workflow's history as an {@link ApplicationFailure}
 * and rebuilds it on the other side with its type, agent path, message and typed fields, so code
 * that catches {@code MaxTurnsExceededException} or reads {@code ModelCallException.status()} in
 * process works the same against a run on Temporal. The exception's parts and their JSON come from
 * the runtime's {@link AgentExceptions}, the codec a journal uses for a failed branch too; this
 * class only maps them onto a Temporal failure.
 *
 * <p>The failure's type is the exception's class name (as Temporal names a thrown exception, so a
 * {@code RetryOptions.setDoNotRetry} list of class names applies); its message is the exception's
 * message, which the runtime keeps free of secrets; its details are the agent path and a JSON
 * object of the typed fields. The exception's cause is never carried: a cause may come from a
 * model client or a driver and is not held to that rule. A failure of a type {@link
 * AgentExceptions} does not list decodes to null. Thread-safe (stateless).
 */
public final class AgentFailures {
  private AgentFailures() {}

  /**
   * The failure that carries {@code e}.
   *
   * @param e the exception to carry
   * @param retryable whether Temporal may retry the activity that throws it (subject to its retry
   *     options); workflows pass false
   */
  public static ApplicationFailure encode(AgentException e, boolean retryable) {
    String fields = AgentExceptions.fields(e).toString();
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
    return AgentExceptions.decode(runId, a.getType(), detail(a, 0), a.getOriginalMessage(),
        fieldsOf(a), chain);
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
