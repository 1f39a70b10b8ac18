package dev.baton.examples.approval;

import static dev.baton.examples.Transcripts.toolResult;

import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunState;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;

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
   * Runs the desk until the refund waits for approval, and saves the run's state.
   *
   * @param model the model
   * @param payments the payment system the tools act on
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return the run's state as JSON: store it anywhere that holds text
   * @throws IllegalStateException if the run ended without waiting for approval
   */
  public static String untilApproval(Model model, RefundTools payments, RunListener listener) {
    Refunds desk = RefundsRunner.builder()
        .model(model)
        .refundTools(payments)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    try {
      String answer = desk.refundDesk(REQUEST);
      throw new IllegalStateException("the desk answered without asking for approval: " + answer);
    } catch (ApprovalRequiredException e) {
      return e.state().toJson();
    }
  }

  /**
   * Approves every pending tool call of a saved run and resumes it with a new runner: the model
   * is called only for what comes after the approval.
   *
   * @param json the state saved by {@link #untilApproval(Model, RefundTools, RunListener)}
   * @param model the model
   * @param payments the payment system the tools act on
   * @param listener sees every event of the resumed run
   * @return the answer to the customer
   */
  public static String approveAndResume(String json, Model model, RefundTools payments,
      RunListener listener) {
    RunState state = RunState.fromJson(json);
    for (PendingApproval pending : state.approvals()) {
      state = state.approve(pending.callId()); // a human's decision, e.g. from a review queue
    }
    RefundsRunner runner = RefundsRunner.builder()
        .model(model)
        .refundTools(payments)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    return runner.resume(state, String.class).await();
  }

  /**
   * Runs offline, or against the model configured by {@code OPENAI_API_KEY} or {@code
   * OPENAI_BASE_URL}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Model model = Models.fromEnvOr(script());
    RefundTools payments = new RefundTools();
    String json = untilApproval(model, payments, RunEvents.printer(System.out));
    System.out.println("\nSaved " + json.length() + " characters of JSON; approving and resuming.\n");
    String answer = approveAndResume(json, model, payments, RunEvents.printer(System.out));
    System.out.println();
    System.out.println(answer);
  }
}
