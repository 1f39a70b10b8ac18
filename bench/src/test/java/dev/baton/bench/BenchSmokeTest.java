package dev.baton.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every workload in smoke mode: each must work and print its lines. Timings are never
 * asserted; they mean nothing on a shared machine in a test.
 */
class BenchSmokeTest {
  private static final Pattern LINE = Pattern.compile(
      "workload=\\S+ metric=\\S+ value=-?[0-9.]+ unit=\\S+ baseline=\\S+( budget=\\S+ verdict=(ok|MISSED))?");

  @Test
  void everyWorkloadRunsAndPrintsItsLines(@TempDir Path dir) throws Exception {
    List<String> names = Bench.names("all");
    assertEquals(List.of("step", "fanout3", "fanoutN", "handoffs", "http", "compile", "startup",
        "session", "jdbcjournal", "telemetry", "temporal", "stream", "resume", "fanoutOver"),
        names);
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    List<String> lines = new ArrayList<>();
    List<Measurement> results = Bench.run(names, true, m -> lines.add(m.line()));

    for (String line : lines) {
      assertTrue(LINE.matcher(line).matches(), line);
    }
    Set<String> workloads = results.stream().map(Measurement::workload).collect(Collectors.toSet());
    assertEquals(Set.copyOf(names), workloads);
    Set<String> metrics = results.stream().map(m -> m.workload() + "." + m.metric())
        .collect(Collectors.toSet());
    for (String expected : List.of("step.overhead_median", "fanout3.run_median",
        "fanoutN.n1000_wall_median", "fanoutN.n1000_extra_platform_threads",
        "fanoutN.n1000_heap_per_branch", "handoffs.chain10_per_turn_overhead",
        "handoffs.ring100_per_turn_overhead", "http.c50_throughput_vs_okhttp",
        "compile.agents20_added_median", "startup.to_result_median",
        "session.append_plus_load100_median", "jdbcjournal.sqlite_per_step", "telemetry.noop_added_median",
        "telemetry.sdk_added_median", "stream.listener_added_median",
        "stream.events_reader_added_median", "stream.burst200_deltas_per_s",
        "resume.to_first_live_step_median", "resume.file_append_forced_median",
        "resume.file_append_median", "fanout3.run_median_vs_baseline",
        "temporal.one_model_call_run_median", "temporal.fanout50_wall_median",
        "fanoutOver.n100_wall_vs_fixed")) {
      assertTrue(metrics.contains(expected), expected + " missing from " + metrics);
    }

    String table = ResultsTable.markdown(results, Bench.Environment.now(), Bench.Environment.now(),
        true);
    Path file = dir.resolve("results.md");
    Files.writeString(file, table);
    assertTrue(Files.readString(file).contains("| step | overhead_median |"), table);

    // No workload leaves a thread of its own running (JDK and OkHttp daemons aside).
    List<String> left = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith("bench-"))
        .map(Thread::getName).toList();
    assertTrue(left.isEmpty(), left::toString);
  }

  @Test
  void unknownWorkloadsAreNamed() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> Bench.names("stpe"));
    assertTrue(e.getMessage().contains("stpe") && e.getMessage().contains("step"), e.getMessage());
  }

  @Test
  void budgetsJudgeFigures() {
    assertEquals("ok", Measurement.budgeted("w", "m", 2, "us", "-",
        Measurement.Budget.atMost(2)).verdict());
    assertEquals("MISSED", Measurement.budgeted("w", "m", 89.9, "%", "-",
        Measurement.Budget.atLeast(90)).verdict());
    assertFalse(Measurement.of("w", "m", 1, "us", "-").line().contains("budget="));
  }
}
