package dev.baton.temporal.internal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The side effects of a run as Temporal activities: one model call, one tool call. Payloads are
 * JSON text written by {@link Payloads}, so Temporal's data converter only ever sees strings.
 */
@ActivityInterface
public interface BatonActivities {
  /** Activity type of a model call. */
  String MODEL_CALL = "BatonModelCall";
  /** Activity type of a tool call. */
  String TOOL_CALL = "BatonToolCall";
  /** Activity type of a toolset's listing (run as a local activity). */
  String LIST_TOOLS = "BatonListTools";

  /**
   * Calls the model of the runner registered for {@code workflowType}.
   *
   * @param workflowType the runner's workflow type
   * @param request the {@code ModelRequest} as JSON
   * @return the {@code ModelResponse} as JSON
   */
  @ActivityMethod(name = MODEL_CALL)
  String callModel(String workflowType, String request);

  /**
   * Calls a tool of the runner registered for {@code workflowType}: a method of a tool class, or
   * a tool of a toolset.
   *
   * @param workflowType the runner's workflow type
   * @param call the call as JSON: run id, path, {@code owner} (the tool class) or {@code toolset}
   *     (the toolset's name), tool, arguments
   * @return the outcome as JSON: {@code value}, or {@code argumentError}, or {@code failed}
   */
  @ActivityMethod(name = TOOL_CALL)
  String callTool(String workflowType, String call);

  /**
   * Lists the tools a toolset of the runner registered for {@code workflowType} offers now.
   *
   * @param workflowType the runner's workflow type
   * @param toolset the toolset's name
   * @return the tools as a JSON array ({@link Payloads#tools})
   */
  @ActivityMethod(name = LIST_TOOLS)
  String listTools(String workflowType, String toolset);
}
