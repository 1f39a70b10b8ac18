package dev.baton.runtime;

import java.util.Objects;

/**
 * A tool call waiting for a human: approve or reject it on the {@link RunState}, then resume.
 *
 * @param callId the tool call's id
 * @param tool the tool name
 * @param arguments the arguments the model chose, as JSON text
 * @param path the agent path that called the tool
 */
public record PendingApproval(String callId, String tool, String arguments, String path) {
  /** Checks the components. */
  public PendingApproval {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(path, "path");
  }
}
