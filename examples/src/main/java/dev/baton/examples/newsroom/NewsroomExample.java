package dev.baton.examples.newsroom;

import static dev.baton.examples.Transcripts.input;

import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;

/** Runs the {@link Newsroom}: three agents in sequence in a code agent. */
public final class NewsroomExample {
  /** The topic. */
  public static final String TOPIC = "the city's new night buses";

  private NewsroomExample() {}

  /**
   * The offline script: the researcher lists facts, the writer streams a draft, the editor
   * returns the draft with a headline.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .agent("research", s -> s.delay(Duration.ofMillis(120)).reply("""
            Four night lines start on 3 March.
            Buses run every 20 minutes from 00:30 to 05:00.
            Fares match the day fares."""))
        .agent("write", s -> s.delay(Duration.ofMillis(80)).stream(
            "From 3 March, four night bus lines will run ",
            "every 20 minutes between 00:30 and 05:00. ",
            "Riders will pay the usual day fares."))
        .agent("edit", s -> s.respond(r ->
            ModelResponse.text("Night buses start 3 March\n\n" + input(r))))
        .build();
  }

  /**
   * Runs the newsroom on a model.
   *
   * @param model the model
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return the article
   */
  public static String run(Model model, RunListener listener) {
    Newsroom newsroom = NewsroomRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    return newsroom.newsroom(TOPIC);
  }

  /**
   * Runs offline, or against the model configured by {@code OPENAI_API_KEY} or {@code
   * OPENAI_BASE_URL}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String article = run(Models.fromEnvOr(script()), RunEvents.printer(System.out));
    System.out.println();
    System.out.println(article);
  }
}
