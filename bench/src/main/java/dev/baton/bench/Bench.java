package dev.baton.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures the budgets of DESIGN section 11 beside baselines.
 *
 * <pre>
 * java -cp ... dev.baton.bench.Bench all|WORKLOAD[,WORKLOAD...] [--smoke] [--out results.md]
 * </pre>
 *
 * <p>Prints one machine-readable line per figure ({@code workload=... metric=... value=... unit=...
 * baseline=...}) as it is measured, then writes a Markdown table of all of them.
 */
public final class Bench {
  private static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

  static {
    for (Workload w : List.of(new StepWorkload(), new Fanout3Workload(), new FanoutNWorkload(),
        new HandoffsWorkload(), new HttpWorkload(), new CompileWorkload(), new StartupWorkload(),
        new SessionWorkload(), new JdbcJournalWorkload(), new TelemetryWorkload(),
        new TemporalWorkload(), new StreamWorkload(), new ResumeWorkload(),
        new FanoutOverWorkload())) {
      WORKLOADS.put(w.name(), w);
    }
  }

  private Bench() {}

  /**
   * Runs the workloads named on the command line.
   *
   * @param args {@code all} or workload names separated by commas; {@code --smoke}; {@code --out
   *     FILE} (default {@code target/results.md})
   * @throws Exception if a workload cannot run
   */
  public static void main(String[] args) throws Exception {
    String selection = "all";
    boolean smoke = false;
    Path out = Path.of("target", "results.md");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> smoke = true;
        case "--out" -> {
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--out needs a file");
          }
          out = Path.of(args[++i]);
        }
        default -> selection = args[i];
      }
    }
    Environment before = Environment.now();
    List<Measurement> results = run(names(selection), smoke, m -> System.out.println(m.line()));
    String table = ResultsTable.markdown(results, before, Environment.now(), smoke);
    System.out.println();
    System.out.println(table);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, table, StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath());
  }

  /** The workloads a selection names, in the order of the table. */
  static List<String> names(String selection) {
    if (selection.equals("all")) {
      return List.copyOf(WORKLOADS.keySet());
    }
    List<String> names = new ArrayList<>();
    for (String n : selection.split(",")) {
      if (!WORKLOADS.containsKey(n.strip())) {
        throw new IllegalArgumentException("no workload \"" + n + "\"; choose all or one of "
            + WORKLOADS.keySet());
      }
      names.add(n.strip());
    }
    return names;
  }

  /** What a workload measures, by name. */
  static String description(String workload) {
    return WORKLOADS.get(workload).description();
  }

  /**
   * Runs workloads in order.
   *
   * @param names their names
   * @param smoke whether to run each briefly
   * @param sink receives each figure as soon as it is measured
   * @return every figure
   * @throws Exception if a workload cannot run
   */
  static List<Measurement> run(List<String> names, boolean smoke, Consumer<Measurement> sink)
      throws Exception {
    List<Measurement> all = new ArrayList<>();
    for (String n : names) {
      long t0 = System.nanoTime();
      List<Measurement> figures = WORKLOADS.get(n).run(smoke);
      figures.forEach(sink);
      all.addAll(figures);
      System.err.printf("[bench] %s took %d ms%n", n,
          Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }
    return all;
  }

  /** The machine and its load when the bench started or ended. */
  record Environment(String at, double loadAverage) {
    static Environment now() {
      return new Environment(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  static String commit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
          .redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? s : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
