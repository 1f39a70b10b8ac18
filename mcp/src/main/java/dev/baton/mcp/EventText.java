package dev.baton.mcp;

import dev.baton.Outcome;
import dev.baton.runtime.RunEvent;

/** One line per run event, for MCP progress notifications; {@code null} for events not worth one. */
final class EventText {
  private EventText() {}

  static String of(RunEvent event) {
    return switch (event) {
      case RunEvent.TextDelta d -> null;
      case RunEvent.RunStarted s -> s.resumed() ? "run resumed" : "run started";
      case RunEvent.AgentStarted a -> a.path() + ": " + a.agent() + " started";
      case RunEvent.ToolCalled c -> a(c) + "calls " + c.tool();
      case RunEvent.ToolReturned r -> a(r) + r.tool() + (r.error() ? " failed" : " returned");
      case RunEvent.HandoffOccurred h -> a(h) + "handoff " + h.from() + " → " + h.to()
          + (h.back() ? " (back)" : "");
      case RunEvent.HandedBack h -> a(h) + h.from() + " hands back to " + h.to();
      case RunEvent.BranchStarted b -> a(b) + "branch " + b.agent() + " started";
      case RunEvent.BranchFinished b -> a(b) + "branch " + b.outcome().agent() + " "
          + switch (b.outcome()) {
            case Outcome.Success<?> s -> "succeeded";
            case Outcome.Failed<?> f -> "failed";
            case Outcome.TimedOut<?> t -> "timed out";
          };
      case RunEvent.AgentFinished f -> a(f) + f.agent() + (f.error().isEmpty() ? " finished"
          : " failed");
      case RunEvent.ApprovalRequested r -> a(r) + r.approval().tool() + " needs approval";
      case RunEvent.RunFinished f -> "run " + f.status().name().toLowerCase(java.util.Locale.ROOT);
      case RunEvent.RunFailed f -> "run " + f.status().name().toLowerCase(java.util.Locale.ROOT);
      default -> a(event) + event.getClass().getSimpleName();
    };
  }

  private static String a(RunEvent e) {
    return e.path().isEmpty() ? "" : e.path() + ": ";
  }
}
