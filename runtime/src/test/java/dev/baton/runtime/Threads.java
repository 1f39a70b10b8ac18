package dev.baton.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Observes the threads Baton starts (all are named {@code baton-<runId>...}). Virtual threads are
 * invisible to {@code Thread.getAllStackTraces()}, so this reads a full thread dump, which lists
 * them. Public for the other modules' tests, which get it from this module's test-jar.
 */
public final class Threads {
  private static final Pattern NAME = Pattern.compile("^#\\d+ \"([^\"]*)\"", Pattern.MULTILINE);

  // Generous for a loaded 2-core machine; a thread really left running never ends by itself.
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private Threads() {}

  /** Names of live threads whose name starts with {@code baton-<runId>}. */
  public static Set<String> live(String runId) {
    return all().stream().filter(n -> n.startsWith("baton-" + runId)).collect(Collectors.toSet());
  }

  /**
   * Waits until no live thread's name starts with {@code baton-<runId>}, for at most {@code limit}:
   * a run's own thread completes the result and ends a few instructions later, so one sample taken
   * the moment {@code await} returns can still see it. Each pass takes a fresh thread dump and
   * yields between passes (no sleep); an interrupt ends the wait.
   *
   * @return the names still live when the limit passed; empty once every such thread has ended
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public static Set<String> awaitNone(String runId, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      // Checked before each sample: the dump's file I/O would fail on an interrupted thread.
      if (Thread.interrupted()) {
        throw new InterruptedException("waiting for the threads of " + runId + " to end");
      }
      Set<String> left = live(runId);
      if (left.isEmpty() || System.nanoTime() - deadline >= 0) {
        return left;
      }
      Thread.yield();
    }
  }

  /**
   * Fails unless every thread of {@code runId} ends within ten seconds: a thread that outlives the
   * run by more than that was left running, not finishing its last instructions.
   */
  public static void assertNoneLeft(String runId) {
    Set<String> left;
    try {
      left = awaitNone(runId, LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the threads of " + runId, e);
    }
    if (!left.isEmpty()) {
      throw new AssertionError(left.size() + " thread(s) of " + runId + " still live " + LIMIT
          + " after the run ended: " + left.stream().sorted().limit(20).toList());
    }
  }

  /** Names of every live thread, platform and virtual. */
  public static Set<String> all() {
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
