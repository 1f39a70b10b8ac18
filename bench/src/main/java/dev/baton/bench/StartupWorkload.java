package dev.baton.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM (this JVM's {@code java} and class path, default flags) that builds a runner and
 * completes one fan-out-3 run on {@code ScriptedModel}: wall time from starting the process to
 * reading its result, against a JVM doing the same calls by hand.
 */
final class StartupWorkload implements Workload {
  @Override
  public String name() {
    return "startup";
  }

  @Override
  public String description() {
    return "fresh JVM to the result of one fan-out-3 run on ScriptedModel vs the same calls by hand";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    int runs = smoke ? 1 : 7;
    if (!smoke) {
      start("baton"); // the first start warms the file cache and the CDS archive mapping
      start("plain");
    }
    long[] baton = new long[runs];
    long[] plain = new long[runs];
    for (int i = 0; i < runs; i++) {
      plain[i] = start("plain");
      baton[i] = start("baton");
    }
    String w = name();
    return List.of(
        Measurement.budgeted(w, "to_result_median", Stats.millis(Stats.of(baton).median()), "ms",
            Measurement.format(Stats.millis(Stats.of(plain).median())),
            Measurement.Budget.atMost(300)),
        Measurement.of(w, "to_result_max", Stats.millis(Stats.of(baton).percentile(100)), "ms",
            Measurement.format(Stats.millis(Stats.of(plain).percentile(100)))));
  }

  /** Starts a JVM running {@link StartupMain} and returns the nanoseconds until its result. */
  static long start(String mode) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this JVM"));
    List<String> command = new ArrayList<>(List.of(java, "-cp",
        System.getProperty("java.class.path"), StartupMain.class.getName(), mode));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process process = builder.start();
    long took = -1;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (took < 0 && line.startsWith("result=")) {
          took = System.nanoTime() - t0;
        }
        output.append(line).append('\n');
      }
    } finally {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    if (process.exitValue() != 0 || took < 0) {
      throw new IllegalStateException("the " + mode + " JVM exited with " + process.exitValue()
          + " without a result:\n" + output);
    }
    return took;
  }
}
