package dev.baton.examples.approval;

import static dev.baton.examples.Transcripts.toolResult;

import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunState;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;
import java.io.PrintStream;

/**
 * Runs the {@link Refunds} desk: the run stops before the refund, its state goes to JSON, a human
 * approves, and a fresh runner resumes from the JSON without repeating a model call.
 */
public final class ApprovalExample {
  /** The customer's request. */
  public static final String REQUEST = "Order 5521 arrived broken. I want my money back.";

  private ApprovalExample() {}

  /**
   * The offline script: look the order up, ask to refund it in full, then confirm with the
   * refund's reference.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .agent("refundDesk", s -> s
            .call("lookupOrder", """
                {"orderId": "5521"}""")
            .call("refund", """
                {"orderId": "5521", "cents": 34900, "reason": "delivered damaged"}""")
            .respond(r -> ModelResponse.text("Sorry about the machine. We refunded 349.00 EUR ("
                + toolResult(r, "refund") + "); it reaches your card in 3 to 5 days.")))
        .build();
  }

  /**
   * Runs the desk with fresh tools; see {@link #run(Model, RefundTools, PrintStream)}.
   *
   * @param model the model
   * @param out where the timelines go
   * @return the answer to the customer
   */
  public static String run(Model model, PrintStream out) {
    return run(model, new RefundTools(), out);
  }

  /**
   * Runs the desk until it waits for approval, saves its state as JSON, approves the refund, and
   * resumes with a new runner, printing both timelines.
   *
   * @param model the model
   * @param payments the payment system both runners use
   * @param out where the timelines go
   * @return the answer to the customer
   */
  public static String run(Model model, RefundTools payments, PrintStream out) {
    RunOptions options = RunOptions.builder().listener(RunEvents.printer(out)).build();
    String json;
    try {
      return RefundsRunner.builder().model(model).refundTools(payments).options(options).build()
          .refundDesk(REQUEST);
    } catch (ApprovalRequiredException e) {
      json = e.state().toJson(); // a file, a database row, a ticket: anything that holds text
      out.println("-- saved the run's state: " + json.length() + " characters of JSON");
    }

    // Later, perhaps in another process: a human approves, a new runner resumes.
    RunState state = RunState.fromJson(json);
    PendingApproval pending = state.approvals().get(0);
    out.println("-- approved " + pending.tool() + " " + pending.arguments());
    RefundsRunner runner = RefundsRunner.builder().model(model).refundTools(payments)
        .options(options).build();
    return (String) runner.resume(state.approve(pending.callId())).await();
  }

  /**
   * Runs offline, or against the model configured by {@code OPENAI_API_KEY} or {@code
   * OPENAI_BASE_URL}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String answer = run(Models.fromEnvOr(script()), System.out);
    System.out.println();
    System.out.println(answer);
  }
}
