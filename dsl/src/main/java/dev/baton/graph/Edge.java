package dev.baton.graph;

import java.util.Objects;

/**
 * A directed edge of the agent graph.
 *
 * @param kind how {@code from} reaches {@code to}
 * @param from the source agent
 * @param to the target agent
 * @param tool the tool name the source's model sees ({@code transfer_to_<to>} for handoffs, the
 *     tool name for delegates); empty for branches and calls
 * @param description the tool description the model sees; empty to use the target's description
 */
public record Edge(EdgeKind kind, String from, String to, String tool, String description) {
  /** Checks the components. */
  public Edge {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    tool = tool == null ? "" : tool;
    description = description == null ? "" : description;
  }

  /** Whether this edge is a handoff, one-way or back. */
  public boolean isHandoff() {
    return kind == EdgeKind.HANDOFF || kind == EdgeKind.HANDOFF_BACK;
  }

  /** The tool name of a handoff to {@code agent}: {@code transfer_to_<agent>}. */
  public static String handoffTool(String agent) {
    return "transfer_to_" + agent;
  }
}
