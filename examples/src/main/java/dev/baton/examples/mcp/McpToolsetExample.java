package dev.baton.examples.mcp;

import static dev.baton.examples.Transcripts.toolResult;

import dev.baton.mcp.McpToolset;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;

/**
 * Runs {@link Triage} with its "tracker" toolset bound to an MCP server: {@link TrackerMcpServer},
 * started as a child process over stdio, exactly as a third-party MCP server would be.
 */
public final class McpToolsetExample {
  /** The bug report. */
  public static final String REPORT = "The export button crashes the app when the list is empty.";

  private McpToolsetExample() {}

  /**
   * The offline script: search, find nothing, file an issue, report.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .agent("triage", s -> s
            .call("tracker_search_issues", """
                {"query": "export crash"}""")
            .call("tracker_create_issue", """
                {"title": "Export crashes on an empty list"}""")
            .respond(r -> ModelResponse.text("No existing issue; "
                + toolResult(r, "tracker_create_issue") + ".")))
        .build();
  }

  /**
   * Starts the tracker server, runs the triager on a model, and stops the server.
   *
   * @param model the model
   * @param listener sees every event
   * @return the triager's answer
   */
  public static String run(Model model, RunListener listener) {
    String java = ProcessHandle.current().info().command().orElse("java");
    try (McpToolset tracker = McpToolset.stdio(java, "-cp", System.getProperty("java.class.path"),
            TrackerMcpServer.class.getName())
        .prefix("tracker_")
        .build()) {
      Triage triage = TriageRunner.builder()
          .model(model)
          .toolset("tracker", tracker)
          .options(RunOptions.builder().listener(listener).build())
          .build();
      return triage.triage(REPORT);
    }
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
