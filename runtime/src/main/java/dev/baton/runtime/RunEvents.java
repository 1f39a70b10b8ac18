package dev.baton.runtime;

import java.io.PrintStream;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Prints a run as a timeline on the console: one line per event, indented by the depth of its
 * agent path, with the time since the run started.
 *
 * <pre>
 *   0.000s run run-11f98727 started
 *   0.001s frontDesk: started (LLM agent)
 *   0.092s frontDesk: hands off to billing (back) {"problem": "Order A-17 was charged twice."}
 *   0.098s   frontDesk&gt;billing: started (LLM agent)
 *   0.130s   frontDesk&gt;billing: calls refund {"orderId": "A-17", "cents": 4999}
 *   0.144s   frontDesk&gt;billing: refund returned in 13ms: refund R-1: 4999 cents on A-17
 *   0.150s   frontDesk&gt;billing: says "Refunded the duplicate charge of 49.99."
 *   0.155s   frontDesk&gt;billing: finished in 54ms
 *   0.158s   frontDesk&gt;billing: reports back to frontDesk
 *   0.251s frontDesk: finished in 250ms
 *   0.256s run succeeded in 256ms
 * </pre>
 *
 * <p>Agents starting and finishing (with durations), model calls (latency, attempts, finish reason,
 * tokens) and their retries, tool calls with short arguments and their results (errors flagged),
 * handoffs and hand-backs, branch outcomes, structured-output repairs, approvals, the end of the
 * run and its token totals each get a line. Each fact gets one line: a branch's outcome line stands
 * for its agent's end, and a failure is printed whole where it happened, its callers and the run
 * referring back to it. Errors are never shortened; model text and tool results are. Durations are
 * the differences of the printed times. Streamed text is coalesced: the deltas of one path make one
 * line, printed when an event of another kind or another path arrives. Lines are plain text; on a terminal
 * ({@link System#console()} present and {@code NO_COLOR} unset) failures are red and timeouts
 * yellow.
 *
 * <p>Use it as a listener, which sees every event of every run of a runner, or on one run:
 *
 * <pre>{@code
 * Support desk = SupportRunner.builder().model(model)
 *     .options(RunOptions.builder().listener(RunEvents.printer(System.out)).build())
 *     .build();
 *
 * Run<String> run = desk.start(s -> s.frontDesk("I was charged twice"));
 * RunEvents.print(run);
 * }</pre>
 */
public final class RunEvents {
  private RunEvents() {}

  /**
   * A listener that prints every event as a timeline line, coloured if {@code out} is {@link
   * System#out} on a terminal. Thread-safe: several runs may share it (their lines interleave).
   *
   * @param out where lines go
   * @return the listener
   */
  public static RunListener printer(PrintStream out) {
    return printer(out, out == System.out && colourTerminal());
  }

  /**
   * A listener that prints every event as a timeline line.
   *
   * @param out where lines go
   * @param colour whether to colour failures and timeouts with ANSI escapes
   * @return the listener
   */
  public static RunListener printer(PrintStream out, boolean colour) {
    Objects.requireNonNull(out, "out");
    return new TimelinePrinter(out::println, colour);
  }

  /**
   * Prints the timeline of a run on {@link System#out}, until the run ends.
   *
   * @param run the run
   */
  public static void print(Run<?> run) {
    print(run, System.out);
  }

  /**
   * Prints the timeline of a run until it ends; the run's result is left for {@link Run#await()}.
   *
   * @param run the run
   * @param out where lines go
   */
  public static void print(Run<?> run, PrintStream out) {
    RunListener printer = printer(out);
    try (Stream<RunEvent> events = run.events()) {
      events.forEach(printer::onEvent);
    }
  }

  private static boolean colourTerminal() {
    String noColor = System.getenv("NO_COLOR");
    return System.console() != null && (noColor == null || noColor.isEmpty())
        && !"dumb".equals(System.getenv("TERM"));
  }
}
