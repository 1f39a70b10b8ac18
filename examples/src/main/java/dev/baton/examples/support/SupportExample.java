package dev.baton.examples.support;

import static dev.baton.examples.Transcripts.toolResult;
import static dev.baton.runtime.model.ScriptedModel.toolCall;

import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;

/** Runs the {@link Support} desk: two back-handoffs in one turn, a refund, one answer. */
public final class SupportExample {
  /** The customer's message. */
  public static final String MESSAGE =
      "I was charged twice for order A-17, and since the update the app logs me out.";

  private SupportExample() {}

  /**
   * The offline script: the front desk consults both specialists at once; billing looks the
   * charges up and refunds the duplicate; technical answers; the front desk sums up.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return scriptBuilder().build();
  }

  /**
   * The offline script, still open for more steps: {@link SupportConversation} adds a second turn.
   *
   * @return a builder holding the script
   */
  static ScriptedModel.Builder scriptBuilder() {
    return ScriptedModel.builder()
        .agent("frontDesk", s -> s
            .calls(
                toolCall("transfer_to_billing", """
                    {"problem": "Order A-17 was charged twice."}"""),
                toolCall("transfer_to_technical", """
                    {"problem": "Since the update the app logs the customer out."}"""))
            .respond(r -> ModelResponse.text("Sorry about both! Billing: "
                + toolResult(r, "transfer_to_billing") + " Technical: "
                + toolResult(r, "transfer_to_technical"))))
        .agent("billing", s -> s
            .call("charges", """
                {"orderId": "A-17"}""")
            .call("refund", """
                {"orderId": "A-17", "cents": 4999}""")
            .respond(r -> ModelResponse.text("A-17 had two charges of 4999 cents; "
                + toolResult(r, "refund") + ".")))
        .agent("technical", s -> s
            .delay(java.time.Duration.ofMillis(150))
            .stream("Update 4.2 drops saved sessions; ", "4.2.1 fixes it. ",
                "Update the app and sign in once."));
  }

  /**
   * Runs the desk on a model.
   *
   * @param model the model
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return the front desk's answer
   */
  public static String run(Model model, RunListener listener) {
    Support desk = SupportRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    return desk.frontDesk(MESSAGE);
  }

  /**
   * Runs offline, or against the model configured by {@code OPENAI_API_KEY} or {@code
   * OPENAI_BASE_URL}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String answer = run(Models.fromEnvOr(script()), RunEvents.printer(System.out));
    System.out.println();
    System.out.println(answer);
  }
}
