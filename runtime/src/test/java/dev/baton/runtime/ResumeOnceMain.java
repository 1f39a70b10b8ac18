package dev.baton.runtime;

import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A child process of {@link ExactlyOnceAcrossProcessesTest}: resumes one approved state through the
 * shared file store when its parent says "go" on stdin. Its {@code refund} tool appends a line to
 * a count file. Prints {@code READY}, then {@code RESULT <answer>} or {@code CONFLICT <reason>}.
 *
 * <p>Arguments: the journal directory, the state file, the count file.
 */
public final class ResumeOnceMain {
  private ResumeOnceMain() {}

  /** Resumes once. */
  public static void main(String[] args) throws Exception {
    Path journals = Path.of(args[0]);
    RunState state = RunState.fromJson(Files.readString(Path.of(args[1])));
    Path count = Path.of(args[2]);
    ToolInvoker tools = (tool, arguments, ctx) -> {
      Files.writeString(count, tool + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return tool + " done";
    };
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.respond(r -> ModelResponse.text("refunded")))
        .build();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.desk()).model(model)
        .tools(ResumeFixtures.OWNER, tools)
        .options(RunOptions.builder().journalStore(JournalStore.file(journals)).build()).build();
    System.out.println("READY");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    try {
      System.out.println("RESULT " + o.resume(state).await());
    } catch (RunConflictException e) {
      System.out.println("CONFLICT " + e.reason());
    }
    System.out.flush();
  }
}
