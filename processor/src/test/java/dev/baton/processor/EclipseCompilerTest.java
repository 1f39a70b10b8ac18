package dev.baton.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processor under Eclipse's compiler (ECJ), as Eclipse users run it: the examples and the
 * patterns compile to the same runners as under javac, and broken systems get the same codes on the
 * same lines. The one documented degradation: ECJ has no tree API, so calls inside code-agent
 * bodies are not read; each code agent gets the note {@code [Baton/CallsUnread]} and its runner
 * lacks only the {@code .call(...)} edges (used for cycle checks and diagrams). ECJ also places a
 * diagnostic on one element of a multi-line array value (e.g. one branch of {@code @Parallel(agents
 * = {...})}) on the attribute's first line rather than the element's.
 */
class EclipseCompilerTest {
  private static final Path EXAMPLES = Path.of("../examples/src/main/java");

  // ECJ reads sources from file: URIs only (compile-testing's in-memory ones have an authority).
  private static Compilation ecj(JavaFileObject... sources) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("ecj-sources");
      JavaFileObject[] files = new JavaFileObject[sources.length];
      for (int i = 0; i < sources.length; i++) {
        String path = sources[i].toUri().getPath();
        Path file = dir.resolve(path.startsWith("/") ? path.substring(1) : path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text(sources[i]));
        files[i] = JavaFileObjects.forResource(file.toUri().toURL());
      }
      return Compiler.compiler(new EclipseCompiler()).withProcessors(new BatonProcessor())
          .withOptions("--release", "21", "-proc:full").compile(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  // The sources were read during the compilation; nothing refers to the files afterwards.
  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Compilation javac(JavaFileObject... sources) {
    return Compilations.compile(sources);
  }

  private static String text(JavaFileObject f) {
    try {
      return f.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JavaFileObject> generatedSources(Compilation c) {
    return c.generatedSourceFiles().stream()
        .sorted((a, b) -> a.toUri().getPath().compareTo(b.toUri().getPath())).toList();
  }

  private static String name(JavaFileObject f) {
    String path = f.toUri().getPath();
    return path.substring(path.indexOf("SOURCE_OUTPUT/") + "SOURCE_OUTPUT/".length());
  }

  // The runners of both compilers, equal except for the call edges ECJ cannot read.
  private static void assertSameRunners(Compilation javac, Compilation ecj) {
    List<JavaFileObject> expected = generatedSources(javac);
    List<JavaFileObject> actual = generatedSources(ecj);
    assertEquals(expected.stream().map(EclipseCompilerTest::name).toList(),
        actual.stream().map(EclipseCompilerTest::name).toList());
    assertFalse(expected.isEmpty());
    for (int i = 0; i < expected.size(); i++) {
      String withoutCalls = text(expected.get(i)).lines()
          .filter(l -> !l.trim().startsWith(".call(\""))
          .collect(Collectors.joining("\n", "", "\n"));
      assertEquals(withoutCalls, text(actual.get(i)), name(expected.get(i)));
    }
  }

  private static long notes(Compilation c, String code) {
    return c.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
        .filter(d -> d.getMessage(Locale.ROOT).contains("[Baton/" + code + "]")).count();
  }

  // Example programs that use an integration module (a JDBC session, an MCP server) import packages
  // this module's test class path does not have; the agent systems they run compile without them.
  private static boolean compilableHere(Path source) {
    try {
      return Files.readAllLines(source).stream()
          .filter(l -> l.startsWith("import ") && !l.startsWith("import static "))
          .map(l -> l.substring("import ".length(), l.indexOf(';')).trim())
          .map(name -> name.substring(0, name.lastIndexOf('.')).replace('.', '/') + "/")
          .allMatch(dir -> dir.startsWith("dev/baton/examples/")
              || EclipseCompilerTest.class.getClassLoader().getResource(dir) != null
              || ClassLoader.getPlatformClassLoader().getResource(dir) != null
              || dir.startsWith("java/") || dir.startsWith("javax/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES.resolve("dev/baton/examples"))) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void examplesCompileToTheSameRunners(String example) throws IOException {
    JavaFileObject[] sources;
    // Each example with the shared helpers beside it (Example, Transcripts), not the Showcase.
    try (Stream<Path> files = Stream.concat(
        Files.walk(EXAMPLES.resolve("dev/baton/examples/" + example)),
        Stream.of("Example.java", "Transcripts.java")
            .map(f -> EXAMPLES.resolve("dev/baton/examples/" + f)))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).filter(EclipseCompilerTest::compilableHere)
          .sorted()
          .map(p -> {
            try {
              return JavaFileObjects.forSourceString(
                  EXAMPLES.relativize(p).toString().replace('/', '.').replaceAll("\\.java$", ""),
                  Files.readString(p));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .toArray(JavaFileObject[]::new);
    }
    Compilation javac = javac(sources);
    Compilation ecj = ecj(sources);
    CompilationSubject.assertThat(javac).succeeded();
    CompilationSubject.assertThat(ecj).succeeded();
    assertSameRunners(javac, ecj);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Support,BillingTools", "Inspection", "Newsroom", "Analysts",
      "Supervisor", "Debate", "Router", "Research", "Fallback", "Approval"})
  void patternsCompileToTheSameRunners(String names) {
    JavaFileObject[] sources = ValidPatternsTest.pattern(names.split(","));
    Compilation javac = javac(sources);
    Compilation ecj = ecj(sources);
    CompilationSubject.assertThat(ecj).succeeded();
    assertSameRunners(javac, ecj);
  }

  @Test
  void eachCodeAgentIsNotedOnceUnderEcjAndNeverUnderJavac() {
    JavaFileObject[] sources = ValidPatternsTest.pattern("Newsroom");
    Compilation ecj = ecj(sources);
    assertEquals(1, notes(ecj, "CallsUnread"), ecj.diagnostics()::toString);
    Diagnostic<?> note = ecj.diagnostics().stream()
        .filter(d -> d.getMessage(Locale.ROOT).contains("[Baton/CallsUnread]")).findFirst().orElseThrow();
    assertTrue(text(sources[0]).lines().skip(note.getLineNumber() - 1).findFirst().orElseThrow()
        .contains("default String newsroom(String topic)"), note::toString);
    assertEquals(0, notes(javac(sources), "CallsUnread"));
  }

  static Stream<String> brokenSystems() {
    return Stream.of(
        """
        @Agent(instructions = "Desk.")
        @Handoff(to = "biling")
        String desk(String message);
        @Agent(instructions = "Bill.", description = "Bills.") String billing(String message);
        """,
        """
        @Parallel(agents = {"check", "chek"},
            timeout = "soon")
        Results<String> all(String message);
        @Agent(instructions = "Check.") String check(String message);
        """,
        """
        @Agent(instructions = "Route.")
        @Handoff(to = "score")
        String route(String message);
        @Agent(instructions = "Score.", description = "Scores.")
        Integer score(String message);
        """,
        """
        @Agent(instructions = "Desk.",
            maxTurns = 0)
        String desk(String message);
        @Agent
        private String hidden(String message) { return message; }
        """,
        """
        @Agent(instructions = "Desk.", prompt = "{mesage}")
        String desk(String message);
        @Agent(instructions = "Log.")
        void log(Object line);
        """,
        """
        @Agent(instructions = "A.", description = "A.")
        @Handoff(to = "b", back = true)
        String a(String message);
        @Agent(instructions = "B.", description = "B.")
        @Delegate(to = "a")
        String b(String message);
        """);
  }

  private record Reported(String code, long line) {}

  private static List<Reported> errors(Compilation c) {
    return c.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> {
          String m = d.getMessage(Locale.ROOT);
          int start = m.indexOf("[Baton/");
          return new Reported(start < 0 ? m : m.substring(start, m.indexOf(']', start) + 1),
              d.getLineNumber());
        })
        .sorted((a, b) -> a.code().equals(b.code()) ? Long.compare(a.line(), b.line())
            : a.code().compareTo(b.code()))
        .toList();
  }

  @ParameterizedTest
  @MethodSource("brokenSystems")
  void brokenSystemsGetTheSameCodesOnTheSameLines(String members) {
    JavaFileObject source = Compilations.support(members);
    List<Reported> javac = errors(javac(source));
    List<Reported> ecj = errors(ecj(source));
    assertFalse(javac.isEmpty());
    assertTrue(javac.stream().allMatch(r -> r.code().startsWith("[Baton/")), javac::toString);
    assertEquals(javac, ecj, () -> "javac " + javac + "\necj " + ecj);
  }
}
