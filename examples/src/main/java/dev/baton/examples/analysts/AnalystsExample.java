package dev.baton.examples.analysts;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;

/** Runs the {@link Analysts}: three branches at once, one {@link Results}. */
public final class AnalystsExample {
  /** The question. */
  public static final String QUESTION = "Should we add a free tier to our paid note-taking app?";

  private AnalystsExample() {}

  /**
   * The offline script: three answers after different latencies, so the branches overlap.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .agent("customer", s -> s.delay(Duration.ofMillis(200)).reply(
            "Students and hobbyists ask for it weekly. A limit on notebooks keeps it fair."))
        .agent("engineering", s -> s.delay(Duration.ofMillis(400)).reply(
            "Sync costs about 4 cents per free user a month. Abuse limits are needed first."))
        .agent("finance", s -> s.delay(Duration.ofMillis(300)).reply(
            "At a 3% upgrade rate it pays back in 9 months. Below 1.5% it never does."))
        .build();
  }

  /**
   * Runs the analysts on a model.
   *
   * @param model the model
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return the three outcomes
   */
  public static Results<String> run(Model model, RunListener listener) {
    Analysts analysts = AnalystsRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    return analysts.analyze(QUESTION);
  }

  /**
   * Runs offline, or against the model configured by {@code OPENAI_API_KEY} or {@code
   * OPENAI_BASE_URL}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Results<String> results = run(Models.fromEnvOr(script()), RunEvents.printer(System.out));
    System.out.println();
    for (Outcome<String> outcome : results) {
      switch (outcome) {
        case Outcome.Success<String> s -> System.out.println(s.agent() + ": " + s.value());
        case Outcome.Failed<String> f -> System.out.println(f.agent() + " failed: " + f.error());
        case Outcome.TimedOut<String> t -> System.out.println(t.agent() + " timed out");
      }
    }
  }
}
