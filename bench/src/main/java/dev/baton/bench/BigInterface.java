package dev.baton.bench;

/**
 * Writes the source of a large agent system for the {@code compile} workload: groups of ten agents,
 * each group with a back and a one-way handoff, an aggregating fan-out of three agents with
 * structured output, a delegate, an abstract fan-out and a prompt template. Edges only point to
 * later agents, so there are no cycles.
 */
final class BigInterface {
  static final String PACKAGE = "bench.gen";
  static final String NAME = "Big";

  private BigInterface() {}

  /** The qualified name of the generated runner. */
  static String runnerName() {
    return PACKAGE + "." + NAME + "Runner";
  }

  /**
   * The source of an interface with {@code agents} agents.
   *
   * @param agents a positive multiple of 10
   */
  static String source(int agents) {
    if (agents <= 0 || agents % 10 != 0) {
      throw new IllegalArgumentException("agents must be a positive multiple of 10, not " + agents);
    }
    StringBuilder s = new StringBuilder();
    s.append("package ").append(PACKAGE).append(";\n\n")
        .append("import dev.baton.*;\nimport java.util.List;\n\n")
        .append("/** ").append(agents).append(" agents. */\n")
        .append("public interface ").append(NAME).append(" {\n")
        .append("  /** A structured finding. */\n")
        .append("  record Finding(String title, int severity, List<String> tags) {}\n");
    for (int base = 0; base < agents; base += 10) {
      String[] a = new String[10];
      for (int i = 0; i < 10; i++) {
        a[i] = String.format("a%03d", base + i);
      }
      s.append('\n');
      agent(s, a[0], "Route the task.", "@Handoff(to = \"" + a[1] + "\", back = true)",
          "@Handoff(to = \"" + a[2] + "\")");
      s.append("  String ").append(a[0]).append("(String task);\n\n");
      agent(s, a[1], "Combine the findings.", "@Parallel(agents = {\"" + a[3] + "\", \"" + a[4]
          + "\", \"" + a[5] + "\"}, timeout = \"20s\")");
      s.append("  String ").append(a[1]).append("(String task);\n\n");
      agent(s, a[2], "Use the worker.", "@Delegate(to = \"" + a[6] + "\")");
      s.append("  String ").append(a[2]).append("(String task);\n\n");
      for (int i = 3; i <= 5; i++) {
        agent(s, a[i], "Report one finding.");
        s.append("  Finding ").append(a[i]).append("(String task);\n\n");
      }
      agent(s, a[6], "Do the work.");
      s.append("  String ").append(a[6]).append("(String task);\n\n");
      s.append("  @Agent\n  @Parallel(agents = {\"").append(a[8]).append("\", \"").append(a[9])
          .append("\"}, timeout = \"5s\")\n")
          .append("  Results<String> ").append(a[7]).append("(String task);\n\n");
      agent(s, a[8], "Check the task.");
      s.append("  String ").append(a[8]).append("(String task);\n\n");
      s.append("  @Agent(description = \"Agent ").append(a[9])
          .append(".\", instructions = \"Summarize.\", prompt = \"Summarize {task} briefly.\")\n")
          .append("  String ").append(a[9]).append("(String task);\n");
    }
    return s.append("}\n").toString();
  }

  private static void agent(StringBuilder s, String name, String instructions, String... extra) {
    s.append("  @Agent(description = \"Agent ").append(name).append(".\", instructions = \"")
        .append(instructions).append("\")\n");
    for (String e : extra) {
      s.append("  ").append(e).append('\n');
    }
  }
}
