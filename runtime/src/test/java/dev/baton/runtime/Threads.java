package dev.baton.runtime;

import java.util.Set;
import java.util.stream.Collectors;

/** Observes the threads Baton starts (all are named {@code baton-<runId>-...}). */
final class Threads {
  private Threads() {}

  static Set<String> live(String runId) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("baton-" + runId))
        .collect(Collectors.toSet());
  }
}
