package dev.baton.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac, in this JVM through {@code javax.tools}, on a generated 200-agent interface with and
 * without the Baton processor. With it, javac also compiles the runner the processor writes.
 */
final class CompileWorkload implements Workload {
  static final String PROCESSOR = "dev.baton.processor.BatonProcessor";

  @Override
  public String name() {
    return "compile";
  }

  @Override
  public String description() {
    return "javac on a 200-agent interface with vs without the processor (in-process, warm)";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    int agents = smoke ? 20 : 200;
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run the bench on a JDK, not a JRE");
    }
    String source = BigInterface.source(agents);
    Path work = Files.createTempDirectory("baton-bench-compile");
    try {
      // The processor's first use in a JVM whose javac has run once: class loading and cold code.
      compile(javac, source, work, false);
      long firstWithout = compile(javac, source, work, false);
      long firstWith = compile(javac, source, work, true);
      int warmup = smoke ? 0 : 3;
      int runs = smoke ? 1 : 7;
      for (int i = 0; i < warmup; i++) {
        compile(javac, source, work, false);
        compile(javac, source, work, true);
      }
      long[] without = new long[runs];
      long[] with = new long[runs];
      for (int i = 0; i < runs; i++) {
        without[i] = compile(javac, source, work, false);
        with[i] = compile(javac, source, work, true);
      }
      double w = Stats.millis(Stats.of(with).median());
      double wo = Stats.millis(Stats.of(without).median());
      String n = name();
      String m = "agents" + agents + "_";
      return List.of(
          Measurement.of(n, m + "javac_median", w, "ms", Measurement.format(wo)),
          Measurement.budgeted(n, m + "added_median", w - wo, "ms", "-",
              Measurement.Budget.atMost(1_000)),
          Measurement.of(n, m + "added_processor_cold", Stats.millis(firstWith - firstWithout), "ms",
              "-"));
    } finally {
      deleteTree(work);
    }
  }

  /** Compiles the source into a fresh directory; returns the nanoseconds javac took. */
  private static long compile(JavaCompiler javac, String source, Path work, boolean processor)
      throws IOException {
    Path out = Files.createTempDirectory(work, processor ? "with" : "without");
    Path generated = Files.createDirectories(out.resolve("generated"));
    String classpath = System.getProperty("java.class.path");
    List<String> options = new ArrayList<>(List.of("--release", "21", "-parameters",
        "-Xlint:none", "-d", out.toString(), "-s", generated.toString(), "-classpath", classpath));
    if (processor) {
      options.addAll(List.of("-processorpath", classpath, "-processor", PROCESSOR));
    } else {
      options.add("-proc:none");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///"
        + BigInterface.PACKAGE.replace('.', '/') + "/" + BigInterface.NAME + ".java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    long t0;
    long took;
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      t0 = System.nanoTime();
      boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(file)).call();
      took = System.nanoTime() - t0;
      if (!ok) {
        throw new IllegalStateException("javac failed: " + errors(diagnostics));
      }
    }
    Path runner = out.resolve(BigInterface.runnerName().replace('.', '/') + ".class");
    if (processor != Files.exists(runner)) {
      throw new IllegalStateException((processor ? "the processor did not generate " : "without the"
          + " processor, javac still generated ") + runner);
    }
    deleteTree(out);
    return took;
  }

  private static String errors(DiagnosticCollector<JavaFileObject> diagnostics) {
    StringBuilder s = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        s.append("\n  line ").append(d.getLineNumber()).append(": ")
            .append(d.getMessage(Locale.ROOT));
      }
    }
    return s.toString();
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
