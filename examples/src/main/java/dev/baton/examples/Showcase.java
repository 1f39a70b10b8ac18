package dev.baton.examples;

import dev.baton.Durations;
import dev.baton.examples.analysts.AnalystsExample;
import dev.baton.examples.invoice.InvoiceExample;
import dev.baton.examples.approval.ApprovalExample;
import dev.baton.examples.approval.RefundTools;
import dev.baton.examples.debate.DebateExample;
import dev.baton.examples.fallback.FallbackExample;
import dev.baton.examples.inspection.InspectionExample;
import dev.baton.examples.mcp.McpToolsetExample;
import dev.baton.examples.newsroom.NewsroomExample;
import dev.baton.examples.router.RouterExample;
import dev.baton.examples.sharedcontext.SharedContextExample;
import dev.baton.examples.supervisor.SupervisorExample;
import dev.baton.examples.support.SupportConversation;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the examples and prints their timelines: on the model that {@code OPENAI_API_KEY} or {@code
 * OPENAI_BASE_URL} configures, else offline on each example's script.
 *
 * <pre>
 * mvn -B -ntp -q -Pshowcase -DskipTests verify                               # every example
 * mvn -B -ntp -q -Pshowcase -DskipTests verify -Dexample=support             # one
 * mvn -B -ntp -q -Pshowcase -DskipTests verify -Dmodel=offline             # scripts only
 * </pre>
 */
public final class Showcase {
  /** Exit status: every example ran. */
  public static final int OK = 0;

  /** Exit status: an example failed. */
  public static final int FAILED = 1;

  /** Exit status: no example has the name given. */
  public static final int UNKNOWN = 2;

  /** Every example, in the order the README presents them. */
  public static final List<Example> EXAMPLES = List.of(
      new Example("support", "a front desk hands off to billing and technical, who report back;"
          + " the customer's next message continues the conversation from a SQLite session",
          (models, out) -> String.join("\n", SupportConversation.runInTemporaryFile(
              models.apply(SupportConversation.script()), RunEvents.printer(out)))),
      new Example("inspection", "a handoff into a fan-out whose slow check times out",
          (models, out) -> InspectionExample.run(
              models.apply(InspectionExample.script()), RunEvents.printer(out))),
      new Example("newsroom", "research, write, edit as a code agent",
          (models, out) -> NewsroomExample.run(
              models.apply(NewsroomExample.script()), RunEvents.printer(out))),
      new Example("analysts", "three perspectives in parallel, one Results",
          (models, out) -> AnalystsExample.run(
              models.apply(AnalystsExample.script()), RunEvents.printer(out)).toString()),
      new Example("supervisor", "an LLM supervisor uses workers as tools",
          (models, out) -> SupervisorExample.run(
              models.apply(SupervisorExample.script()), RunEvents.printer(out))),
      new Example("debate", "three rounds in a code-agent loop, then a typed verdict",
          (models, out) -> DebateExample.run(
              models.apply(DebateExample.script()), RunEvents.printer(out)).toString()),
      new Example("router", "one-way handoff to one of three teams",
          (models, out) -> RouterExample.run(
              models.apply(RouterExample.script()), RunEvents.printer(out))),
      new Example("shared-context", "tools write findings and decisions into a context object",
          (models, out) -> {
            SharedContextExample.Review review = SharedContextExample.run(
                models.apply(SharedContextExample.script()), RunEvents.printer(out));
            return review.conclusion() + "\n" + review.file();
          }),
      new Example("fallback", "a code agent falls back when the primary's model fails",
          (models, out) -> FallbackExample.run(
              models.apply(FallbackExample.script()), RunEvents.printer(out))),
      new Example("approval", "a refund waits for approval; the run resumes from JSON",
          (models, out) -> {
            Model model = models.apply(ApprovalExample.script());
            RefundTools payments = new RefundTools();
            String json = ApprovalExample.untilApproval(model, payments, RunEvents.printer(out));
            out.println("-- saved the state as " + json.length()
                + " characters of JSON; a human approves; a new runner resumes");
            return ApprovalExample.approveAndResume(json, model, payments, RunEvents.printer(out));
          }),
      new Example("mcp", "a triager uses an MCP server's tools, started as a child process",
          (models, out) -> McpToolsetExample.run(
              models.apply(McpToolsetExample.script()), RunEvents.printer(out))),
      new Example("invoice", "one branch per line item of an invoice, checked against a policy",
          (models, out) -> InvoiceExample.summary(InvoiceExample.run(
              models.apply(InvoiceExample.script()), RunEvents.printer(out)))));

  private Showcase() {}

  /**
   * Runs every example, or the one named, and exits with {@link #run(String, PrintStream,
   * PrintStream)}'s status.
   *
   * @param args nothing or {@code all}, or an example's name; then optionally {@code offline} to
   *     run on the scripts even when {@code OPENAI_API_KEY} or {@code OPENAI_BASE_URL} configures a
   *     real model (by default, {@link Models#fromEnvOr(Model)} picks it)
   */
  public static void main(String[] args) {
    String name = args.length == 0 ? "all" : args[0];
    boolean offline = args.length > 1 && args[1].equals("offline");
    int status = run(name, offline ? script -> script : Models::fromEnvOr, System.out, System.err);
    if (status != OK) {
      System.exit(status);
    }
  }

  /**
   * Runs every example offline, or the one named: a header, the timeline, and the result of
   * each. Failures are reported on {@code err} and do not stop the other examples.
   *
   * @param name {@code all} or an example's name
   * @param out where headers, timelines and results go
   * @param err where failures and unknown names are reported
   * @return {@link #OK}, {@link #FAILED} or {@link #UNKNOWN}
   */
  public static int run(String name, PrintStream out, PrintStream err) {
    return run(name, script -> script, out, err);
  }

  /**
   * Runs every example, or the one named, on the models chosen.
   *
   * @param name {@code all} or an example's name
   * @param models picks each example's model from its script
   * @param out where headers, timelines and results go
   * @param err where failures and unknown names are reported
   * @return {@link #OK}, {@link #FAILED} or {@link #UNKNOWN}
   */
  public static int run(String name, Function<ScriptedModel, Model> models, PrintStream out,
      PrintStream err) {
    List<Example> chosen = EXAMPLES.stream()
        .filter(e -> name.equals("all") || e.name().equals(name))
        .toList();
    if (chosen.isEmpty()) {
      err.println("No example is called \"" + name + "\". Examples: all, "
          + String.join(", ", EXAMPLES.stream().map(Example::name).toList()));
      return UNKNOWN;
    }
    long start = System.nanoTime();
    List<String> failed = new ArrayList<>();
    for (Example example : chosen) {
      out.println("=== " + example.name() + ": " + example.shows());
      out.println();
      long began = System.nanoTime();
      try {
        String result = example.runner().run(models, out);
        out.println();
        out.println("Result:");
        result.lines().forEach(line -> out.println("  " + line));
      } catch (RuntimeException e) {
        failed.add(example.name());
        err.println("Example " + example.name() + " failed: " + e);
        e.printStackTrace(err);
      }
      out.println("(" + example.name() + " took " + since(began) + ")");
      out.println();
    }
    if (!failed.isEmpty()) {
      err.println(failed.size() + " of " + chosen.size() + " examples failed: "
          + String.join(", ", failed));
      return FAILED;
    }
    out.println(chosen.size() + (chosen.size() == 1 ? " example" : " examples") + " ran in "
        + since(start));
    return OK;
  }

  private static String since(long nanos) {
    return Durations.format(Duration.ofNanos(System.nanoTime() - nanos));
  }
}
