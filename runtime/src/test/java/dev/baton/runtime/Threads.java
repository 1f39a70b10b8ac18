package dev.baton.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Observes the threads Baton starts (all are named {@code baton-<runId>...}). Virtual threads are
 * invisible to {@code Thread.getAllStackTraces()}, so this reads a full thread dump, which lists
 * them.
 */
final class Threads {
  private static final Pattern NAME = Pattern.compile("^#\\d+ \"([^\"]*)\"", Pattern.MULTILINE);

  private Threads() {}

  /** Names of live threads whose name starts with {@code baton-<runId>}. */
  static Set<String> live(String runId) {
    return all().stream().filter(n -> n.startsWith("baton-" + runId)).collect(Collectors.toSet());
  }

  /** Names of every live thread, platform and virtual. */
  static Set<String> all() {
    try {
      Path dir = Files.createTempDirectory("threads");
      Path file = dir.resolve("dump.txt");
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
      String dump = Files.readString(file);
      Files.delete(file);
      Files.delete(dir);
      Matcher m = NAME.matcher(dump);
      Set<String> names = new java.util.HashSet<>();
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
