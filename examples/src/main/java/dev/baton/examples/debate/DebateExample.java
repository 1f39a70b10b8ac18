package dev.baton.examples.debate;

import dev.baton.examples.debate.Debate.Verdict;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;

/** Runs the {@link Debate}: a loop of six agent calls, then a typed verdict. */
public final class DebateExample {
  /** The motion. */
  public static final String MOTION = "Remote work should be the default for software teams.";

  private DebateExample() {}

  /**
   * The offline script: three arguments per side, then the judge's verdict as JSON.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .agent("pro", s -> s
            .reply("Remote teams hire from everywhere and lose no hours to commuting.")
            .reply("Written decisions outlast hallway talk; remote work forces them.")
            .reply("Mentoring works remotely when it is scheduled, as the best teams do."))
        .agent("con", s -> s
            .reply("Juniors learn by overhearing; remote teams lose that for good.")
            .reply("Writing everything down is slow when a whiteboard takes five minutes.")
            .reply("Scheduled mentoring is exactly what juniors do not ask for."))
        .agent("judge", s -> s.reply("""
            {"winner": "pro", "reason": "Pro answered every point; con never addressed hiring reach.",
             "score": 7}"""))
        .build();
  }

  /**
   * Runs the debate on a model.
   *
   * @param model the model
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return the verdict
   */
  public static Verdict run(Model model, RunListener listener) {
    Debate debate = DebateRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    return debate.debate(MOTION);
  }

  /**
   * Runs offline, or against the model configured by {@code OPENAI_API_KEY} or {@code
   * OPENAI_BASE_URL}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Verdict verdict = run(Models.fromEnvOr(script()), RunEvents.printer(System.out));
    System.out.println();
    System.out.println(verdict);
  }
}
