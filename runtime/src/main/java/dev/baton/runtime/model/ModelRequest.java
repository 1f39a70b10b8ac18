package dev.baton.runtime.model;

import java.util.List;
import java.util.Objects;

/**
 * One call to a model.
 *
 * @param runId the run making the call
 * @param path the agent path making the call, e.g. {@code frontDesk>billing}
 * @param agent the agent's name
 * @param model the model name; empty for the model's default
 * @param messages the conversation to answer, system message first
 * @param tools the tools the model may call; empty for none
 * @param output the structured output required; {@code null} for free text
 * @param settings sampling and request settings for this call, already layered agent over run;
 *     a model client layers them over its own defaults. {@link ModelSettings#NONE} for none
 */
public record ModelRequest(
    String runId,
    String path,
    String agent,
    String model,
    List<Message> messages,
    List<ToolDefinition> tools,
    OutputSchema output,
    ModelSettings settings) {
  /** Checks and copies the components. */
  public ModelRequest {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(agent, "agent");
    model = model == null ? "" : model;
    messages = List.copyOf(messages);
    tools = tools == null ? List.of() : List.copyOf(tools);
    settings = settings == null ? ModelSettings.NONE : settings;
  }

  /**
   * A request without settings.
   *
   * @param runId the run making the call
   * @param path the agent path making the call
   * @param agent the agent's name
   * @param model the model name; empty for the model's default
   * @param messages the conversation
   * @param tools the tools
   * @param output the structured output, or null
   */
  public ModelRequest(String runId, String path, String agent, String model,
      List<Message> messages, List<ToolDefinition> tools, OutputSchema output) {
    this(runId, path, agent, model, messages, tools, output, ModelSettings.NONE);
  }
}
