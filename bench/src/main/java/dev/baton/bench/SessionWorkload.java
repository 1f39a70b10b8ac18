package dev.baton.bench;

import dev.baton.jdbc.JdbcSessionStore;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.UserMessage;
import dev.baton.runtime.session.Exchange;
import dev.baton.runtime.session.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a session costs a call on SQLite (WAL): loading a session of 100 exchanges and appending one
 * exchange, each beside the in-memory store.
 */
final class SessionWorkload implements Workload {
  @Override
  public String name() {
    return "session";
  }

  @Override
  public String description() {
    return "SQLite session: load 100 exchanges, append one (vs in memory)";
  }

  private static Exchange exchange(long n) {
    return new Exchange("run-" + n, "frontDesk", List.of(
        new UserMessage("Customer message number " + n + ": I was charged twice for order A-17."),
        new AssistantMessage("Answer " + n + ": refund R-1 of 4999 cents is on its way to you.")),
        Instant.now());
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    Path dir = Files.createTempDirectory("bench-session-");
    try (var pool = Databases.pooled(Databases.sqlite(dir.resolve("sessions.db")))) {
      SessionStore sqlite = new JdbcSessionStore(pool);
      SessionStore memory = SessionStore.inMemory();
      for (int i = 0; i < 100; i++) {
        sqlite.append("s100", i, exchange(i));
        memory.append("s100", i, exchange(i));
      }
      int warmup = smoke ? 20 : 500;
      int rounds = smoke ? 1 : 5;
      int perRound = smoke ? 20 : 400;
      Sampler.Paired load = Sampler.paired(() -> sqlite.load("s100"), () -> memory.load("s100"),
          warmup, rounds, perRound);
      long[] next = {0, 0};
      Sampler.Paired append = Sampler.paired(
          () -> {
            sqlite.append("grow", next[0], exchange(next[0]));
            return ++next[0];
          },
          () -> {
            memory.append("grow", next[1], exchange(next[1]));
            return ++next[1];
          },
          warmup, rounds, perRound);
      String w = name();
      double loadMs = Stats.millis(load.measured().median());
      double appendMs = Stats.millis(append.measured().median());
      return List.of(
          Measurement.of(w, "load100_median", loadMs, "ms",
              Measurement.format(Stats.millis(load.baseline().median()))),
          Measurement.of(w, "load100_p99", Stats.millis(load.measured().p99()), "ms",
              Measurement.format(Stats.millis(load.baseline().p99()))),
          Measurement.of(w, "append_median", appendMs, "ms",
              Measurement.format(Stats.millis(append.baseline().median()))),
          Measurement.of(w, "append_p99", Stats.millis(append.measured().p99()), "ms",
              Measurement.format(Stats.millis(append.baseline().p99()))),
          Measurement.budgeted(w, "append_plus_load100_median", loadMs + appendMs, "ms", "-",
              Measurement.Budget.atMost(2)));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
