package dev.baton.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The timelines and results the README shows under each example's heading are what the showcase
 * prints on the examples' scripts, up to what varies from run to run: the elapsed time at the start
 * of a line, durations and run ids. A README block is an excerpt: each of its lines must be among
 * the example's printed lines; for the examples whose work runs one step at a time, in the same
 * order. Examples with concurrent branches print those lines in whichever order the branches end,
 * so only membership is checked there.
 */
class ReadmeTimelinesTest {
  private static final Path README = Path.of("..", "README.md");
  // Examples whose printed lines come in one order every run: no two agents run at once.
  private static final Set<String> SEQUENTIAL = Set.of("newsroom", "supervisor", "debate", "router",
      "fallback", "approval", "mcp");
  private static final Pattern HEADING = Pattern.compile("^### ([a-z-]+): ");
  private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");
  private static final Pattern ELAPSED = Pattern.compile("^\\s*\\d+\\.\\d{3}s ");
  // 250ms, 2s, 1.2s, 3m 5s, 900µs: what Durations.format prints.
  private static final Pattern DURATION = Pattern.compile("\\b\\d+(\\.\\d+)?(ns|µs|us|ms|s|m|h)\\b");
  private static final Pattern RUN_ID = Pattern.compile("run-[0-9a-f]{32}");
  // An approval's call id ends with a digest of the run id, the tool and its arguments.
  private static final Pattern CALL_DIGEST = Pattern.compile("(@\\S+#t\\d+\\.\\d+)-[0-9a-f]{16}\\b");
  // The saved state holds the run's id and times: its size moves by a few characters.
  private static final Pattern STATE_SIZE = Pattern.compile("\\d+ characters of JSON");

  /** A README block shown under an example's heading. */
  record Shown(String example, int line, List<String> lines) {}

  private static Map<String, String> printed;

  @BeforeAll
  static void runTheShowcase() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Showcase.run("all", new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(Showcase.OK, status, err.toString(StandardCharsets.UTF_8));
    printed = byExample(out.toString(StandardCharsets.UTF_8));
  }

  /** The showcase's output cut at its {@code === name: ...} headers. */
  static Map<String, String> byExample(String output) {
    Map<String, String> parts = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^=== ([a-z-]+): ").matcher(output);
    List<Integer> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
      names.add(m.group(1));
    }
    for (int i = 0; i < names.size(); i++) {
      int end = i + 1 < names.size() ? starts.get(i + 1) : output.length();
      parts.put(names.get(i), output.substring(starts.get(i), end));
    }
    return parts;
  }

  /**
   * The plain code blocks under {@code ### <example>: } headings that show output: a timeline line
   * (elapsed time first) makes a block output. A {@code ## } heading ends an example's section.
   */
  static List<Shown> shown(String readme, Set<String> examples) {
    List<Shown> blocks = new ArrayList<>();
    String[] lines = readme.split("\n", -1);
    String section = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher heading = HEADING.matcher(line);
      if (heading.find()) {
        section = examples.contains(heading.group(1)) ? heading.group(1) : null;
        continue;
      }
      if (line.startsWith("## ")) {
        section = null;
        continue;
      }
      Matcher fence = FENCE.matcher(line);
      if (!fence.matches()) {
        continue;
      }
      int start = i;
      List<String> body = new ArrayList<>();
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
        body.add(lines[i]);
      }
      if (section != null && fence.group(1).isEmpty()
          && body.stream().anyMatch(l -> ELAPSED.matcher(l).find())) {
        blocks.add(new Shown(section, start + 1, body));
      }
    }
    return blocks;
  }

  /**
   * A line without what varies between runs; null for a blank line. A timeline line keeps the
   * indentation after its elapsed time (it shows nesting); other lines are trimmed (the showcase
   * indents results).
   */
  static String normalize(String line) {
    if (line.isBlank()) {
      return null;
    }
    Matcher elapsed = ELAPSED.matcher(line);
    String rest = elapsed.find() ? "@ " + line.substring(elapsed.end()) : line.strip();
    rest = RUN_ID.matcher(rest).replaceAll("run-<id>");
    rest = CALL_DIGEST.matcher(rest).replaceAll("$1-<digest>");
    rest = STATE_SIZE.matcher(rest).replaceAll("<n> characters of JSON");
    return DURATION.matcher(rest).replaceAll("<duration>");
  }

  private static List<String> normalized(List<String> lines) {
    return lines.stream().map(ReadmeTimelinesTest::normalize).filter(l -> l != null).toList();
  }

  @Test
  void everyExampleWithAShownTimelineIsFound() throws IOException {
    Set<String> names = Showcase.EXAMPLES.stream().map(Example::name).collect(Collectors.toSet());
    List<Shown> blocks = shown(Files.readString(README), names);
    // Every example the README shows output for; a heading renamed away from its example's name
    // would silently drop its block from the check below.
    assertEquals(Set.of("support", "inspection", "newsroom", "analysts", "supervisor", "debate",
        "router", "shared-context", "fallback", "approval", "mcp"),
        blocks.stream().map(Shown::example).collect(Collectors.toSet()));
  }

  @Test
  void everyShownLineIsPrintedByItsExample() throws IOException {
    Set<String> names = printed.keySet();
    List<String> problems = new ArrayList<>();
    for (Shown block : shown(Files.readString(README), names)) {
      List<String> actual = normalized(printed.get(block.example()).lines().toList());
      int from = 0;
      for (String line : block.lines()) {
        String want = normalize(line);
        if (want == null) {
          continue;
        }
        int at = SEQUENTIAL.contains(block.example()) ? indexFrom(actual, want, from)
            : actual.indexOf(want);
        if (at < 0) {
          problems.add("README.md:" + block.line() + " (" + block.example() + ") shows a line the"
              + " example does not print" + (SEQUENTIAL.contains(block.example())
              ? " (or not in this order)" : "") + ":\n    " + line + "\n  it printed:\n    "
              + String.join("\n    ", printed.get(block.example()).lines().toList()));
        } else {
          from = at + 1;
        }
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems)
        + "\nRun the showcase (mvn -B -ntp -q -Pshowcase -DskipTests verify) and copy its lines.");
  }

  private static int indexFrom(List<String> lines, String want, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).equals(want)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void normalizingKeepsTheTextAndNestingAndDropsTimesAndIds() {
    assertEquals("@   frontDesk>billing: refund returned in <duration>: refund R-1: 4999 cents on A-17",
        normalize("  0.636s   frontDesk>billing: refund returned in 13ms: refund R-1: 4999 cents on A-17"));
    assertEquals("@ run run-<id> resumed from its journal",
        normalize("  0.000s run run-01a22a21a790417836ac34c51d74fb5a resumed from its journal"));
    assertEquals("@     intake>inspect/p80: branch TIMED OUT after <duration>",
        normalize("  2.007s     intake>inspect/p80: branch TIMED OUT after 2s"));
    assertEquals("@ refundDesk: waits for approval: refund {} (call c_1@refundDesk#t2.0-<digest>)",
        normalize("  0.012s refundDesk: waits for approval: refund {} (call c_1@refundDesk#t2.0-2cfdb656fd3c0e9e)"));
    assertEquals("-- saved the state as <n> characters of JSON",
        normalize("-- saved the state as 2498 characters of JSON"));
    assertEquals("P82 passed: Tyres at 200 psi.", normalize("  P82 passed: Tyres at 200 psi.  "));
    // Nesting is part of the line: one level less is another line.
    assertFalse(normalize("  0.100s   a>b: started").equals(normalize("  0.100s a>b: started")));
  }

  @Test
  void blocksAreTakenOnlyUnderAnExampleHeadingAndOnlyWhenTheyShowOutput() {
    String readme = String.join("\n",
        "### router: one-way handoffs", "```java", "  0.001s not output: java", "```",
        "```", "  0.001s router: started (LLM agent)", "Result text", "```",
        "## Running", "```", "  0.002s not under an example", "```",
        "### unknown: heading", "```", "  0.003s not an example", "```",
        "### debate: rounds", "```", "mvn -q verify", "```", "");
    List<Shown> blocks = shown(readme, Set.of("router", "debate"));
    assertEquals(List.of(new Shown("router", 5, List.of("  0.001s router: started (LLM agent)",
        "Result text"))), blocks);
  }
}
