package dev.baton.examples.sharedcontext;

import static dev.baton.runtime.model.ScriptedModel.toolCall;

import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;

/** Runs the {@link Postmortem} with a {@link CaseFile} in the run's context. */
public final class SharedContextExample {
  /** The incident. */
  public static final String INCIDENT = "Checkout returned HTTP 502 for 14 minutes at 09:12.";

  private SharedContextExample() {}

  /**
   * What the review produced.
   *
   * @param conclusion the lead's conclusion
   * @param file the case file the agents filled
   */
  public record Review(String conclusion, CaseFile file) {}

  /**
   * The offline script: the investigators record three findings (two in one turn), the lead
   * reads them and records a decision.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .agent("logs", s -> s
            .delay(Duration.ofMillis(100))
            .calls(
                toolCall("addFinding", """
                    {"finding": "09:11 deploy of payments 2.14 rotated the database password."}"""),
                toolCall("addFinding", """
                    {"finding": "09:12-09:26 payments logged 'authentication failed' 3100 times."}"""))
            .reply("Payments lost its database credentials after the 09:11 deploy."))
        .agent("metrics", s -> s
            .delay(Duration.ofMillis(150))
            .call("addFinding", """
                {"finding": "Payments connection pool at 0 of 50 from 09:12 to 09:26."}""")
            .reply("Payments had no database connections for 14 minutes."))
        .agent("lead", s -> s
            .call("findings", "{}")
            .call("decide", """
                {"action": "Rotate secrets in a separate step before deploys", "owner": "payments"}""")
            .reply("Root cause: the 2.14 deploy rotated the database password without the pool."))
        .build();
  }

  /**
   * Runs the review on a model with a fresh case file.
   *
   * @param model the model
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return the conclusion and the case file
   */
  public static Review run(Model model, RunListener listener) {
    CaseFile file = new CaseFile();
    Postmortem review = PostmortemRunner.builder()
        .model(model)
        .options(RunOptions.builder()
            .context(file)
            .listener(listener)
            .build())
        .build();
    return new Review(review.postmortem(INCIDENT), file);
  }

  /**
   * Runs offline, or against the model configured by {@code OPENAI_API_KEY} or {@code
   * OPENAI_BASE_URL}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Review review = run(Models.fromEnvOr(script()), RunEvents.printer(System.out));
    System.out.println();
    System.out.println(review.conclusion());
    System.out.println(review.file());
  }
}
