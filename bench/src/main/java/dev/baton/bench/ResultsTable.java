package dev.baton.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The results as a Markdown table, with the machine they were measured on. */
final class ResultsTable {
  private ResultsTable() {}

  static String markdown(List<Measurement> results, Bench.Environment before,
      Bench.Environment after, boolean smoke) {
    StringBuilder s = new StringBuilder();
    s.append("# Baton benchmark results").append(smoke ? " (smoke run: not measurements)" : "")
        .append("\n\n");
    s.append("- started: ").append(before.at()).append(", ended: ").append(after.at()).append('\n');
    s.append("- JDK: ").append(System.getProperty("java.vm.vendor")).append(' ')
        .append(Runtime.version()).append(", ").append(System.getProperty("java.vm.name"))
        .append('\n');
    s.append("- OS: ").append(System.getProperty("os.name")).append(' ')
        .append(System.getProperty("os.version")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, max heap ")
        .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n");
    s.append("- commit: ").append(Bench.commit()).append('\n');
    s.append(String.format(Locale.ROOT, "- load average: %.2f at start, %.2f at end%n%n",
        before.loadAverage(), after.loadAverage()));
    s.append("| workload | metric | Baton | baseline | unit | budget | verdict |\n");
    s.append("|---|---|---:|---:|---|---|---|\n");
    for (Measurement m : results) {
      s.append("| ").append(m.workload()).append(" | ").append(m.metric()).append(" | ")
          .append(Measurement.format(m.value())).append(" | ").append(m.baseline()).append(" | ")
          .append(m.unit()).append(" | ").append(m.budget() == null ? "" : m.budget().toString())
          .append(" | ").append(m.verdict()).append(" |\n");
    }
    s.append("\nBaselines:\n\n");
    Set<String> workloads = new LinkedHashSet<>();
    results.forEach(m -> workloads.add(m.workload()));
    for (String w : workloads) {
      s.append("- ").append(w).append(": ").append(Bench.description(w)).append('\n');
    }
    return s.toString();
  }
}
