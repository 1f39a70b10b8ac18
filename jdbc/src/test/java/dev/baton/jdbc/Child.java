package dev.baton.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A child JVM running {@link JournalChildMain}, read line by line. */
final class Child implements AutoCloseable {
  private static final String EOF = "\u0000EOF";
  private final Process process;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  private final Thread reader;

  Child(String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), JournalChildMain.class.getName()));
    cmd.addAll(List.of(args));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    reader = Thread.ofVirtual().start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          seen.add(line);
          lines.add(line);
        }
      } catch (IOException e) {
        // the process died
      }
      lines.add(EOF);
    });
  }

  /** The first line starting with one of the prefixes; fails with all output if none comes. */
  String await(String... prefixes) throws InterruptedException {
    while (true) {
      String line = lines.poll(120, TimeUnit.SECONDS);
      if (line == null || line.equals(EOF)) {
        throw new AssertionError("the child printed none of " + List.of(prefixes) + ":\n"
            + String.join("\n", seen));
      }
      for (String p : prefixes) {
        if (line.startsWith(p)) {
          return line;
        }
      }
    }
  }

  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  int exit() throws InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      throw new AssertionError("the child did not end:\n" + String.join("\n", seen));
    }
    return process.exitValue();
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
    reader.join();
  }
}
