package dev.baton.runtime;

import dev.baton.runtime.model.ScriptedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link KilledProcessResumeTest}: runs the desk with a file store; its
 * {@code slow} tool writes a marker (a file and a stdout line with the run id) and blocks until the
 * process is killed.
 *
 * <p>Arguments: the journal directory, the marker file.
 */
public final class KillableRunMain {
  private KillableRunMain() {}

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    Path journals = Path.of(args[0]);
    Path marker = Path.of(args[1]);
    CountDownLatch never = new CountDownLatch(1);
    ToolInvoker tools = (tool, arguments, ctx) -> {
      if (tool.equals("slow")) {
        Files.writeString(marker, ctx.runId());
        System.out.println("BLOCKED " + ctx.runId());
        System.out.flush();
        never.await(); // the parent kills this process here
      }
      return tool + " done";
    };
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("lookup", "{}").call("slow", "{}").reply("never reached"))
        .build();
    Orchestrator.builder(ResumeFixtures.desk()).model(model).tools(ResumeFixtures.OWNER, tools)
        .options(RunOptions.builder().journalStore(JournalStore.file(journals)).build())
        .build()
        .call("frontDesk", "I was charged twice");
  }
}
