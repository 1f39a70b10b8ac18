package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static dev.baton.runtime.ResumeFixtures.lastToolResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ResumeFixtures.CountingTools;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A run whose JVM is killed mid-step resumes, in this JVM, from the file store it left. */
@ExtendWith(NoRunThreadsLeft.class)
class KilledProcessResumeTest {
  @TempDir Path dir;

  @Test
  void aRunKilledWithItsProcessResumesFromTheFileStore() throws Exception {
    Path journals = dir.resolve("journals");
    Path marker = dir.resolve("marker");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        KillableRunMain.class.getName(), journals.toString(), marker.toString())
        .redirectErrorStream(true)
        .start();
    List<String> output = new ArrayList<>();
    String runId;
    try {
      // The child's stdout line is the marker; the read blocks until it comes, bounded below.
      CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            output.add(line);
            if (line.startsWith("BLOCKED ")) {
              return line.substring("BLOCKED ".length());
            }
          }
          return null;
        } catch (java.io.IOException e) {
          return null;
        }
      });
      runId = blocked.get(60, TimeUnit.SECONDS);
      assertTrue(runId != null, () -> "child ended without blocking: " + output);
      assertEquals(runId, Files.readString(marker));
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
    }

    JournalStore store = JournalStore.file(journals);
    RunState state = RunState.fromStore(store, runId);
    List<String> keys = state.journal().stream().map(JournalEntry::key).toList();
    assertTrue(keys.contains("frontDesk#m2"), keys::toString); // the turn that called slow
    assertTrue(keys.stream().noneMatch(k -> k.startsWith("frontDesk#t2.")), keys::toString);

    ScriptedModel rest = ScriptedModel.builder()
        .agent("frontDesk", s -> s.respond(r -> ModelResponse.text("answered after "
            + lastToolResult(r).content())))
        .build();
    CountingTools tools = new CountingTools();
    Run<Object> resumed = Orchestrator.builder(ResumeFixtures.desk()).model(rest).tools(OWNER, tools)
        .options(RunOptions.builder().journalStore(store).build()).build().resume(state);

    assertEquals("answered after slow done", resumed.await());
    assertEquals(runId, resumed.id());
    assertEquals(1, rest.callCount(), "only the turn after the killed step calls the model");
    // lookup finished before the kill: not repeated. slow was in flight: it runs again (a step
    // that had not been stored when the process died runs at least once more).
    assertEquals(0, tools.count("lookup"));
    assertEquals(1, tools.count("slow"));
    assertTrue(RunState.fromStore(store, runId).journal().stream()
        .anyMatch(j -> j.key().equals("frontDesk#out")));
  }
}
