package dev.baton.examples.supervisor;

import static dev.baton.examples.Transcripts.toolResult;

import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolCall;
import java.util.List;

/** Runs the {@link Supervisor}: two delegate calls, each a worker on a fresh conversation. */
public final class SupervisorExample {
  /** The task. */
  public static final String TASK = "Which region grew fastest from Q2 to Q3?";

  private SupervisorExample() {}

  /**
   * The offline script: the supervisor fetches rows, passes them to the writer, and answers with
   * the writer's summary.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .agent("supervisor", s -> s
            .call("dataWorker", """
                {"query": "revenue by region for Q2 and Q3"}""")
            .respond(r -> ModelResponse.toolCalls(List.of(new ToolCall("call_summary",
                "write_summary", "{\"facts\": " + quote(toolResult(r, "dataWorker")) + "}"))))
            .respond(r -> ModelResponse.text(toolResult(r, "write_summary"))))
        .agent("dataWorker", s -> s.reply("""
            [{"region": "north", "q2": 4.1, "q3": 4.3},
             {"region": "south", "q2": 2.0, "q3": 2.6},
             {"region": "west", "q2": 3.2, "q3": 3.1}]"""))
        .agent("writer", s -> s.reply(
            "South grew fastest: up 30%, from 2.0 to 2.6 million. North grew 5%; west fell 3%."))
        .build();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * Runs the supervisor on a model.
   *
   * @param model the model
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return the answer
   */
  public static String run(Model model, RunListener listener) {
    Supervisor supervisor = SupervisorRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    return supervisor.supervisor(TASK);
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
