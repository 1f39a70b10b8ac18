package dev.baton.examples.router;

import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;

/** Runs the {@link Router}: one route is taken, the others never run. */
public final class RouterExample {
  /** The customer's message. */
  public static final String MESSAGE = "Do you have a discount for 60 seats on the team plan?";

  private RouterExample() {}

  /**
   * The offline script: the router hands off to sales, which answers. Billing and technical have
   * scripts too, but are never called.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .agent("router", s -> s.handoff("sales", """
            {"message": "Do you have a discount for 60 seats on the team plan?"}"""))
        .agent("sales", s -> s.reply(
            "Yes: from 50 seats the team plan is 20% off, so 60 seats cost 48 x 60 = 2880 a month."))
        .agent("billing", s -> s.reply("Billing here."))
        .agent("technical", s -> s.reply("Technical support here."))
        .build();
  }

  /**
   * Runs the router on a model.
   *
   * @param model the model
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return the specialist's answer
   */
  public static String run(Model model, RunListener listener) {
    Router router = RouterRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    return router.router(MESSAGE);
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
