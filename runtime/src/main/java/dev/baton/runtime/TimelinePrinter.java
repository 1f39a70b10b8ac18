package dev.baton.runtime;

import dev.baton.Durations;
import dev.baton.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The listener behind {@link RunEvents}: turns events into timeline lines. Keeps, per run, its
 * start time and the handoff arguments seen; and, across runs, the one text line being coalesced.
 */
final class TimelinePrinter implements RunListener {
  private static final String HANDOFF_PREFIX = "transfer_to_";
  /** The error of an agent unwound because a tool call waits for approval. */
  private static final String PAUSED = "paused for approval";
  private static final int MAX_ARGUMENTS = 80;
  private static final int MAX_TEXT = 100;
  private static final String RED = "\u001B[31m";
  private static final String YELLOW = "\u001B[33m";
  private static final String GREEN = "\u001B[32m";
  private static final String RESET = "\u001B[0m";

  private final Consumer<String> out;
  private final boolean colour;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Instant> starts = new HashMap<>();
  private final Map<String, String> handoffArguments = new HashMap<>();
  private final Set<String> waitingForApproval = new HashSet<>();
  private final Set<String> timedOutBranches = new HashSet<>();
  private final Set<String> branches = new HashSet<>();
  private PendingText pending;

  /** Deltas of one path in a row, printed as one line. */
  private record PendingText(RunEvent first, StringBuilder text) {}

  TimelinePrinter(Consumer<String> out, boolean colour) {
    this.out = out;
    this.colour = colour;
  }

  @Override
  public void onEvent(RunEvent event) {
    lock.lock();
    try {
      starts.putIfAbsent(event.runId(), event.at());
      if (event instanceof RunEvent.TextDelta d && pending != null
          && pending.first().runId().equals(d.runId()) && pending.first().path().equals(d.path())) {
        pending.text().append(d.text());
        return;
      }
      flush();
      render(event);
      if (event instanceof RunEvent.RunFinished || event instanceof RunEvent.RunFailed) {
        String prefix = event.runId() + "\u0000";
        starts.remove(event.runId());
        handoffArguments.keySet().removeIf(k -> k.startsWith(prefix));
        timedOutBranches.removeIf(k -> k.startsWith(prefix));
        branches.removeIf(k -> k.startsWith(prefix));
        waitingForApproval.remove(event.runId());
      }
    } finally {
      lock.unlock();
    }
  }

  private void flush() {
    if (pending != null) {
      String text = pending.text().toString().strip();
      if (!text.isEmpty()) {
        line(pending.first(), "says \"" + shorten(text, MAX_TEXT) + "\"");
      }
      pending = null;
    }
  }

  private void render(RunEvent event) {
    switch (event) {
      case RunEvent.RunStarted e -> {
        starts.put(e.runId(), e.at());
        line(e, "run " + e.runId() + (e.resumed() ? " resumed from its journal" : " started"));
      }
      case RunEvent.AgentStarted e -> {
        String what = branches.remove(pathKey(e)) ? "branch started (" : "started (";
        line(e, what + kind(e.kind()) + ")");
      }
      case RunEvent.TextDelta e -> pending = new PendingText(e, new StringBuilder(e.text()));
      case RunEvent.ToolCalled e -> {
        if (e.tool().startsWith(HANDOFF_PREFIX)) {
          // Printed with the handoff, which names the target; a refused handoff shows as an error.
          handoffArguments.put(key(e, e.tool().substring(HANDOFF_PREFIX.length())), e.arguments());
        } else {
          line(e, "calls " + e.tool() + " " + shorten(e.arguments(), MAX_ARGUMENTS));
        }
      }
      case RunEvent.ToolReturned e -> {
        if (e.error()) {
          line(e, red(e.tool() + " FAILED after " + format(e.took()) + ": "
              + shorten(e.result(), MAX_TEXT)));
        } else if (!e.tool().startsWith(HANDOFF_PREFIX)) {
          // A back-handoff's result is the target's answer, already printed at the target.
          line(e, e.tool() + " returned in " + format(e.took()) + ": " + shorten(e.result(), MAX_TEXT));
        }
      }
      case RunEvent.HandoffOccurred e -> {
        String arguments = handoffArguments.remove(key(e, e.to()));
        line(e, "hands off to " + e.to() + (e.back() ? " (back)" : "")
            + (arguments == null ? "" : " " + shorten(arguments, MAX_ARGUMENTS)));
      }
      case RunEvent.HandedBack e -> line(e, "reports back to " + e.to());
      // Said by the branch agent's start, which follows at once, so a fork takes one line per branch.
      case RunEvent.BranchStarted e -> branches.add(pathKey(e));
      case RunEvent.BranchFinished e -> line(e, switch (e.outcome()) {
        case Outcome.Success<?> s -> "branch succeeded in " + format(s.took());
        case Outcome.Failed<?> f -> red("branch FAILED after " + format(f.took()) + ": "
            + shorten(String.valueOf(f.error().getMessage()), MAX_TEXT));
        case Outcome.TimedOut<?> t -> {
          timedOutBranches.add(pathKey(e));
          yield yellow("branch TIMED OUT after " + format(t.after()));
        }
      });
      case RunEvent.AgentFinished e -> line(e, finished(e));
      case RunEvent.ApprovalRequested e -> {
        waitingForApproval.add(e.runId());
        line(e, yellow("waits for approval: " + e.approval().tool() + " "
            + shorten(e.approval().arguments(), MAX_ARGUMENTS) + " (call " + e.approval().callId() + ")"));
      }
      case RunEvent.RunFinished e -> line(e, e.status() == RunStatus.INTERRUPTED
          ? yellow("run interrupted after " + format(e.took()) + ": waiting for approval")
          : green("run succeeded in " + format(e.took())));
      case RunEvent.RunFailed e -> line(e, red("run " + (e.status() == RunStatus.CANCELLED
          ? "CANCELLED" : "FAILED") + " after " + format(e.took()) + ": "
          + shorten(e.error(), MAX_TEXT)));
      case RunEvent.WorkAbandoned e -> line(e, yellow("abandoned " + e.work() + ": it ignored"
          + " cancellation for " + format(e.grace())));
    }
  }

  private String finished(RunEvent.AgentFinished e) {
    if (e.succeeded()) {
      return "finished in " + format(e.took());
    }
    // An agent unwound by an approval or by its branch's timeout has not failed: say so.
    if (waitingForApproval.contains(e.runId()) && e.error().equals(PAUSED)) {
      return yellow("paused after " + format(e.took()) + ", waiting for approval");
    }
    if (insideTimedOutBranch(e)) {
      return yellow("stopped after " + format(e.took()) + ": its branch timed out");
    }
    return red("FAILED after " + format(e.took()) + ": " + shorten(e.error(), MAX_TEXT));
  }

  private boolean insideTimedOutBranch(RunEvent e) {
    String own = pathKey(e);
    for (String branch : timedOutBranches) {
      if (own.equals(branch) || (own.startsWith(branch) && depth(own.substring(branch.length(),
          branch.length() + 1)) == 1)) {
        return true;
      }
    }
    return false;
  }

  private void line(RunEvent e, String text) {
    Instant start = starts.getOrDefault(e.runId(), e.at());
    double seconds = Duration.between(start, e.at()).toNanos() / 1e9;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%7.3fs ", seconds));
    if (e.path().isEmpty()) {
      sb.append(text);
    } else {
      sb.append("  ".repeat(depth(e.path()))).append(e.path()).append(": ").append(text);
    }
    out.accept(sb.toString());
  }

  /** How many handoff ({@code >}), branch ({@code /}) and delegate ({@code +}) steps lead here. */
  static int depth(String path) {
    int depth = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '>' || c == '/' || c == '+') {
        depth++;
      }
    }
    return depth;
  }

  /** One line of at most {@code max} characters: whitespace runs collapsed, the rest cut. */
  static String shorten(String text, int max) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
  }

  private static String kind(String kind) {
    return switch (kind) {
      case "LLM" -> "LLM agent";
      case "CODE" -> "code agent";
      case "FAN_OUT" -> "fan-out";
      default -> kind.toLowerCase(Locale.ROOT);
    };
  }

  private static String pathKey(RunEvent e) {
    return e.runId() + "\u0000" + e.path();
  }

  private static String key(RunEvent e, String target) {
    return pathKey(e) + "\u0000" + target;
  }

  private static String format(Duration d) {
    return Durations.format(d);
  }

  private String red(String s) {
    return colour ? RED + s + RESET : s;
  }

  private String yellow(String s) {
    return colour ? YELLOW + s + RESET : s;
  }

  private String green(String s) {
    return colour ? GREEN + s + RESET : s;
  }
}
