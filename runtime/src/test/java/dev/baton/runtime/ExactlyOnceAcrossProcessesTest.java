package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ResumeFixtures.CountingTools;
import dev.baton.runtime.model.ScriptedModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes resume one approved state through one file store at the same moment: the
 * approved tool runs exactly once, every other process is refused with a typed conflict.
 */
@ExtendWith(NoRunThreadsLeft.class)
class ExactlyOnceAcrossProcessesTest {
  private static final int PROCESSES = 3;

  @TempDir Path dir;

  @Test
  void simultaneousResumesInSeveralProcessesExecuteTheApprovedToolOnce() throws Exception {
    Path journals = dir.resolve("journals");
    ScriptedModel pausing = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("refund", "{}")).build();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.desk()).model(pausing)
        .tools(OWNER, new CountingTools())
        .options(RunOptions.builder().journalStore(JournalStore.file(journals)).build()).build();
    RunState paused = assertThrows(ApprovalRequiredException.class,
        () -> o.call("frontDesk", "refund me")).state();
    Path stateFile = dir.resolve("state.json");
    Files.writeString(stateFile, paused.approve(paused.approvals().get(0).callId()).toJson());
    Path count = dir.resolve("count");

    String java = ProcessHandle.current().info().command().orElseThrow();
    List<Process> children = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    try {
      for (int i = 0; i < PROCESSES; i++) {
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            ResumeOnceMain.class.getName(), journals.toString(), stateFile.toString(),
            count.toString()).redirectErrorStream(true).start();
        children.add(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8));
        outputs.add(r);
      }
      for (BufferedReader r : outputs) {
        assertEquals("READY", firstLineStarting(r, "READY"));
      }
      // A barrier across processes: every child is ready, then all are told at once.
      for (Process p : children) {
        OutputStream in = p.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
      List<String> results = new ArrayList<>();
      for (BufferedReader r : outputs) {
        String line = firstLineStarting(r, "RESULT ", "CONFLICT ");
        results.add(line);
      }
      for (Process p : children) {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a child did not end");
      }

      assertEquals(1, results.stream().filter(l -> l.equals("RESULT refunded")).count(),
          () -> "results: " + results);
      assertTrue(results.stream().filter(l -> !l.equals("RESULT refunded"))
          .allMatch(l -> l.equals("CONFLICT ALREADY_RUNNING") || l.equals("CONFLICT FINISHED")),
          () -> "results: " + results);
      assertEquals(List.of("refund"), Files.readAllLines(count), "the refund ran exactly once");
    } finally {
      children.forEach(Process::destroyForcibly);
    }
  }

  private static String firstLineStarting(BufferedReader r, String... prefixes) throws Exception {
    List<String> seen = new ArrayList<>();
    for (String line; (line = r.readLine()) != null; ) {
      for (String p : prefixes) {
        if (line.startsWith(p)) {
          return line;
        }
      }
      seen.add(line);
    }
    throw new AssertionError("child ended without " + List.of(prefixes) + ": " + seen);
  }
}
