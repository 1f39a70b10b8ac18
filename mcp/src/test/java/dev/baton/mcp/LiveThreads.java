package dev.baton.mcp;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of live threads, virtual ones included (they appear only in a full thread dump). */
final class LiveThreads {
  private static final Pattern NAME = Pattern.compile("^#\\d+ \"([^\"]*)\"", Pattern.MULTILINE);

  private LiveThreads() {}

  static Set<String> startingWith(String prefix) {
    try {
      Path dir = Files.createTempDirectory("threads");
      Path file = dir.resolve("dump.txt");
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
      String dump = Files.readString(file);
      Files.delete(file);
      Files.delete(dir);
      Set<String> names = new HashSet<>();
      Matcher m = NAME.matcher(dump);
      while (m.find()) {
        if (m.group(1).startsWith(prefix)) {
          names.add(m.group(1));
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
