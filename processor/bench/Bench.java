import java.util.*;
import javax.tools.*;

/**
 * Compiles Big.java in one warm JVM (javax.tools, as Maven does), with and without the Baton
 * processor (loaded from -processorpath each time), alternating; medians of the second half.
 */
public class Bench {
  public static void main(String[] args) throws Exception {
    String cp = args[0], pp = args[1], src = args[2];
    int runs = Integer.parseInt(args[3]);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Long> without = new ArrayList<>(), with = new ArrayList<>(), pre = new ArrayList<>(), warmProc = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      without.add(time(javac, List.of("--release", "21", "-cp", cp, "-proc:none", "-d", "/tmp/baton-bench/w1", src)));
      with.add(time(javac, List.of("--release", "21", "-cp", cp, "-processor", "dev.baton.processor.BatonProcessor",
          "-processorpath", pp, "-d", "/tmp/baton-bench/w2", "-s", "/tmp/baton-bench/w2", src)));
      pre.add(time(javac, List.of("--release", "21", "-cp", cp, "-proc:none", "-d", "/tmp/baton-bench/w1", src, "/tmp/baton-bench/BigRunner.java")));
      warmProc.add(time(javac, List.of("--release", "21", "-cp", cp, "-processor", "dev.baton.processor.BatonProcessor",
          "-proc:only", "-d", "/tmp/baton-bench/w2", "-s", "/tmp/baton-bench/w3", src)));
    }
    System.out.println("pre-generated runner, no processor: " + median(pre.subList(runs / 2, runs)) + " ms " + pre);
    System.out.println("processor only (-proc:only, processor on the JVM classpath): " + median(warmProc.subList(runs / 2, runs)) + " ms " + warmProc);
    System.out.println("without " + without + "\nwith    " + with);
    List<Long> w = without.subList(runs / 2, runs), p = with.subList(runs / 2, runs);
    System.out.println("warm median (second half): without " + median(w) + " ms, with " + median(p) + " ms");
  }

  static long time(JavaCompiler javac, List<String> options) throws Exception {
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("/tmp/baton-bench/w1"));
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("/tmp/baton-bench/w2"));
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("/tmp/baton-bench/w3"));
    long s = System.nanoTime();
    int rc = javac.run(null, null, null, options.toArray(String[]::new));
    if (rc != 0) throw new IllegalStateException("javac failed");
    return (System.nanoTime() - s) / 1_000_000;
  }

  static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
