package dev.baton.runtime.model;

import java.util.Objects;

/**
 * The result of one tool call, sent back to the model.
 *
 * @param callId the id of the {@link ToolCall} it answers
 * @param toolName the tool's name
 * @param content the result (text or JSON); for errors, a message the model can act on
 * @param error whether the call failed
 */
public record ToolMessage(String callId, String toolName, String content, boolean error)
    implements Message {
  /** Checks the components. */
  public ToolMessage {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(toolName, "toolName");
    content = content == null ? "" : content;
  }

  @Override
  public String role() {
    return "tool";
  }
}
