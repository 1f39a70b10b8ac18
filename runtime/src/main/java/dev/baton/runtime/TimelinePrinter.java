package dev.baton.runtime;

import dev.baton.Durations;
import dev.baton.Outcome;
import dev.baton.runtime.model.Usage;
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
  // Text a model says and tool results are cut to this; errors never are.
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
  /** Branch paths whose agent has not started yet: its start line says "branch started". */
  private final Set<String> branches = new HashSet<>();
  /** Every branch path: its outcome line speaks for its agent's end. */
  private final Set<String> branchPaths = new HashSet<>();
  /** When each invocation (and branch) started, so that durations agree with the line times. */
  private final Map<String, Instant> agentStarts = new HashMap<>();
  private final Map<String, Instant> branchStarts = new HashMap<>();
  /** Each failure printed in full, by run and error text, with the path it was printed at. */
  private final Map<String, String> failures = new HashMap<>();
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
        branchPaths.removeIf(k -> k.startsWith(prefix));
        agentStarts.keySet().removeIf(k -> k.startsWith(prefix));
        branchStarts.keySet().removeIf(k -> k.startsWith(prefix));
        failures.keySet().removeIf(k -> k.startsWith(prefix));
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
        agentStarts.put(pathKey(e), e.at());
        String what = branches.remove(pathKey(e)) ? "branch started (" : "started (";
        line(e, what + kind(e.kind()) + ")");
      }
      case RunEvent.TextDelta e -> pending = new PendingText(e, new StringBuilder(e.text()));
      case RunEvent.ModelCallStarted e -> {
        // The first attempt is said by the call's end; a retry gets its own line.
        if (e.attempt() > 1) {
          line(e, yellow("model call attempt " + e.attempt() + " after " + whole(e.retryReason())));
        }
      }
      case RunEvent.ModelCallFinished e -> line(e, modelCall(e));
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
          line(e, red(e.tool() + " FAILED after " + format(e.took()) + ": " + whole(e.result())));
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
      case RunEvent.BranchStarted e -> {
        branches.add(pathKey(e));
        branchPaths.add(pathKey(e));
        branchStarts.put(pathKey(e), e.at());
      }
      case RunEvent.BranchFinished e -> line(e, switch (e.outcome()) {
        case Outcome.Success<?> s -> "branch succeeded in "
            + format(since(branchStarts, e, s.took()));
        case Outcome.Failed<?> f -> red("branch FAILED after "
            + format(since(branchStarts, e, f.took())) + ": " + failure(e, describe(f.error())));
        case Outcome.TimedOut<?> t -> {
          timedOutBranches.add(pathKey(e));
          yield yellow("branch TIMED OUT after " + format(t.after()));
        }
      });
      case RunEvent.AgentFinished e -> {
        String text = finished(e);
        if (text != null) {
          line(e, text);
        }
      }
      case RunEvent.OutputRepairRequested e -> line(e, yellow("answer is not " + article(e.expected())
          + ": " + whole(e.problem()) + "; asked the model to answer again"));
      case RunEvent.ApprovalRequested e -> {
        waitingForApproval.add(e.runId());
        line(e, yellow("waits for approval: " + e.approval().tool() + " "
            + shorten(e.approval().arguments(), MAX_ARGUMENTS) + " (call " + e.approval().callId() + ")"));
      }
      // The run's duration is read off the same clock as the line's time, so the two agree.
      case RunEvent.RunFinished e -> {
        line(e, e.status() == RunStatus.INTERRUPTED
            ? yellow("run interrupted after " + format(sinceRunStart(e)) + ": waiting for approval")
            : green("run succeeded in " + format(sinceRunStart(e))));
        totals(e, e.usage());
      }
      case RunEvent.RunFailed e -> {
        line(e, red("run " + (e.status() == RunStatus.CANCELLED
            ? "CANCELLED" : "FAILED") + " after " + format(sinceRunStart(e)) + ": "
            + failure(e, e.error())));
        totals(e, e.usage());
      }
      case RunEvent.WorkAbandoned e -> line(e, yellow("abandoned " + e.work() + ": it ignored"
          + " cancellation for " + format(e.grace())));
    }
  }

  // "model gpt-4.1 answered in 812ms (stop): 1200 in (1024 cached) + 85 out tokens"
  private String modelCall(RunEvent.ModelCallFinished e) {
    String model = !e.responseModel().isEmpty() ? e.responseModel() : e.model();
    String who = model.isEmpty() ? "model" : "model " + model;
    String tries = e.attempts() > 1 ? " after " + e.attempts() + " attempts" : "";
    if (!e.succeeded()) {
      // Whole, and once: the agent it fails says "the failure above".
      String text = who + " call FAILED after " + format(e.took()) + tries + ": "
          + failure(e, e.error());
      return insideTimedOutBranch(e) || e.error().startsWith("abandoned") ? yellow(text) : red(text);
    }
    return who + " answered in " + format(e.took()) + tries
        + (e.finishReason().isEmpty() ? "" : " (" + e.finishReason() + ")") + ": " + tokens(e.usage());
  }

  private void totals(RunEvent e, RunUsage usage) {
    String calls = usage.modelCalls() + " model " + (usage.modelCalls() == 1 ? "call" : "calls");
    if (usage.modelCalls() > 0 && usage.total().isEmpty()) {
      line(e, "run made " + calls + "; the model reported no token usage");
    } else if (usage.modelCalls() > 0) {
      line(e, "run used " + tokens(usage.total()) + " in " + calls);
    }
  }

  private static String tokens(Usage u) {
    if (u.isEmpty()) {
      return "no usage reported";
    }
    return u.inputTokens() + " in" + (u.cachedInputTokens() > 0 ? " (" + u.cachedInputTokens()
        + " cached)" : "") + " + " + u.outputTokens() + " out" + (u.reasoningTokens() > 0 ? " ("
        + u.reasoningTokens() + " reasoning)" : "") + " tokens";
  }

  private Duration sinceRunStart(RunEvent e) {
    Instant start = starts.get(e.runId());
    return start == null ? Duration.ZERO : Duration.between(start, e.at());
  }

  private static Duration since(Map<String, Instant> startsByPath, RunEvent e, Duration otherwise) {
    Instant start = startsByPath.get(pathKey(e));
    return start == null ? otherwise : Duration.between(start, e.at());
  }

  /**
   * A failure's text, whole the first time it is printed in a run; after that, where it was printed:
   * an error that unwinds through its callers is one fact, not one per caller.
   */
  private String failure(RunEvent e, String error) {
    String key = e.runId() + "\u0000" + error;
    String first = failures.putIfAbsent(key, e.path());
    if (first == null) {
      return whole(error);
    }
    return first.equals(e.path()) ? "the failure above"
        : "the failure of " + (first.isEmpty() ? "the run" : first) + " above";
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static String article(String type) {
    return (type.isEmpty() || "AEIOUaeiou".indexOf(type.charAt(0)) < 0 ? "a " : "an ") + type;
  }

  /** The end of an invocation, or null when another line already says it. */
  private String finished(RunEvent.AgentFinished e) {
    Duration took = since(agentStarts, e, e.took());
    boolean paused = waitingForApproval.contains(e.runId()) && e.error().equals(PAUSED);
    if (!paused && (branchPaths.contains(pathKey(e)) || insideTimedOutBranch(e))) {
      // A branch's outcome line follows (or came first, for a timeout) and says how it ended.
      return null;
    }
    if (e.succeeded()) {
      return "finished in " + format(took);
    }
    // An agent unwound by an approval has not failed: say so.
    if (paused) {
      return yellow("paused after " + format(took) + ", waiting for approval");
    }
    return red("FAILED after " + format(took) + ": " + failure(e, e.error()));
  }

  private boolean insideTimedOutBranch(RunEvent e) {
    String own = pathKey(e);
    for (String branch : timedOutBranches) {
      if (own.equals(branch) || (own.length() > branch.length() && own.startsWith(branch)
          && ">/+".indexOf(own.charAt(branch.length())) >= 0)) {
        return true;
      }
    }
    return false;
  }

  private void line(RunEvent e, String text) {
    Instant start = starts.getOrDefault(e.runId(), e.at());
    // Whole milliseconds, cut as durations are, so "0.024s run ... after 24ms" agree.
    double seconds = Duration.between(start, e.at()).toMillis() / 1e3;
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

  /** An error on one line, whole: whitespace runs collapsed, nothing cut (the fix is at the end). */
  static String whole(String text) {
    return text.strip().replaceAll("\\s+", " ");
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
