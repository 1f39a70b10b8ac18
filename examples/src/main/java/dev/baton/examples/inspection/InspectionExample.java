package dev.baton.examples.inspection;

import dev.baton.examples.Transcripts;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@link Inspection}: check P80 hangs past the 2 s timeout, the report says so. */
public final class InspectionExample {
  /** The mechanic's request. */
  public static final String REQUEST = "Pre-flight inspection for D-ABCD before the 14:05 departure.";

  private static final Pattern OUTCOME = Pattern.compile("^## (\\w+) \\(([^)]*)\\)\\n?(.*)$",
      Pattern.MULTILINE);

  private InspectionExample() {}

  /**
   * The offline script: P78 and P82 answer quickly, P80's self-test takes 3 s and is cut off at
   * 2 s; the lead reports from the outcomes it is given.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .agent("intake", s -> s.handoff("inspect", """
            {"aircraft": "D-ABCD"}"""))
        .agent("p78", s -> s.delay(Duration.ofMillis(300))
            .reply("Hydraulics: system 1 at 3010 psi, system 2 at 2990 psi; within limits."))
        .agent("p80", s -> s.delay(Duration.ofSeconds(3))
            .reply("Avionics self-test passed."))
        .agent("p82", s -> s.delay(Duration.ofMillis(500))
            .reply("Tyres at 200 psi; brake wear pins visible on all wheels."))
        .agent("inspect", s -> s.respond(r -> ModelResponse.text(report(Transcripts.input(r)))))
        .build();
  }

  /** What the lead would write: the findings, then the checks to repeat. */
  private static String report(String outcomes) {
    List<String> lines = new ArrayList<>();
    List<String> repeat = new ArrayList<>();
    Matcher m = OUTCOME.matcher(outcomes);
    while (m.find()) {
      String check = m.group(1).toUpperCase();
      if (m.group(2).equals("succeeded")) {
        lines.add(check + " passed: " + m.group(3));
      } else {
        lines.add(check + " did not finish (" + m.group(2) + ").");
        repeat.add(check);
      }
    }
    lines.add(repeat.isEmpty() ? "D-ABCD is released." : "D-ABCD is NOT released until "
        + String.join(", ", repeat) + " is repeated.");
    return String.join("\n", lines);
  }

  /**
   * Runs the inspection on a model.
   *
   * @param model the model
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return the report
   */
  public static String run(Model model, RunListener listener) {
    Inspection inspection = InspectionRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    return inspection.intake(REQUEST);
  }

  /**
   * Runs offline, or against the model configured by {@code OPENAI_API_KEY} or {@code
   * OPENAI_BASE_URL}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String report = run(Models.fromEnvOr(script()), RunEvents.printer(System.out));
    System.out.println();
    System.out.println(report);
  }
}
