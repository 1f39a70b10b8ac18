package dev.baton.examples.fallback;

import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;

/** Runs {@link Answers}: the primary's model call fails, the backup answers. */
public final class FallbackExample {
  /** The question. */
  public static final String QUESTION = "How many bytes can one UTF-8 encoded code point take?";

  private FallbackExample() {}

  /**
   * The offline script: the primary's provider is overloaded (HTTP 503 after three attempts);
   * the backup answers.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .agent("primary", s -> s.delay(Duration.ofMillis(200)).fail(new ModelCallException(
            "", "", 503, 3, "HTTP 503 from the provider after 3 attempts: overloaded", null)))
        .agent("backup", s -> s.reply("Up to 4 bytes: U+10000 and above take four."))
        .build();
  }

  /**
   * Runs the fallback on a model.
   *
   * @param model the model
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return the answer
   */
  public static String run(Model model, RunListener listener) {
    Answers answers = AnswersRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    return answers.answer(QUESTION);
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
