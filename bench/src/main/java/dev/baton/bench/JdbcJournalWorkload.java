package dev.baton.bench;

import dev.baton.graph.AgentGraph;
import dev.baton.jdbc.JdbcJournalStore;
import dev.baton.jdbc.PostgresCluster;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The cost of a journaled step with the JDBC journal: one LLM agent call on an instant model with
 * the journal in SQLite (WAL) or PostgreSQL, against the same call without a store, divided by the
 * entries the call writes; and a bare append beside the in-memory store.
 */
final class JdbcJournalWorkload implements Workload {
  @Override
  public String name() {
    return "jdbcjournal";
  }

  @Override
  public String description() {
    return "JDBC journal: cost per journaled step on SQLite (WAL) and PostgreSQL";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    List<Measurement> out = new ArrayList<>();
    Path dir = Files.createTempDirectory("bench-journal-");
    try {
      try (var pool = Databases.pooled(Databases.sqlite(dir.resolve("journal.db")))) {
        out.addAll(measure("sqlite", pool, smoke, Measurement.Budget.atMost(0.5)));
      }
      // The server takes seconds to start: the smoke run leaves it out.
      if (!smoke && PostgresCluster.available()) {
        try (PostgresCluster server = PostgresCluster.start();
            var pool = Databases.pooled(server.dataSource("postgres"))) {
          out.addAll(measure("postgres", pool, smoke, null));
        }
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
    return out;
  }

  private List<Measurement> measure(String db, DataSource dataSource, boolean smoke,
      Measurement.Budget budget) throws Exception {
    JdbcJournalStore store = new JdbcJournalStore(dataSource);
    AgentGraph graph = AgentGraph.builder("Step")
        .llmAgent("answer", a -> a.instructions(StepWorkload.INSTRUCTIONS)
            .input("question", String.class).output(String.class))
        .build();
    Orchestrator plain = Orchestrator.builder(graph).model(InstantModels.instant()).build();
    Orchestrator journaled = plain.with(RunOptions.builder().journalStore(store).build());
    Run<Object> probe = journaled.start("answer", "What is 2 + 2?");
    probe.await();
    int entries = store.load(probe.id()).size();

    int warmup = smoke ? 20 : 300;
    int rounds = smoke ? 1 : 5;
    int perRound = smoke ? 20 : 300;
    Sampler.Paired run = Sampler.paired(() -> journaled.call("answer", "What is 2 + 2?"),
        () -> plain.call("answer", "What is 2 + 2?"), warmup, rounds, perRound);
    JournalStore memory = JournalStore.inMemory();
    JournalEntry entry = new JournalEntry("answer#m1",
        "{\"text\":\"ok\",\"toolCalls\":[],\"finishReason\":\"stop\"}");
    Sampler.Paired append = Sampler.paired(() -> {
      store.append("bench-append", entry);
      return entry;
    }, () -> {
      memory.append("bench-append", entry);
      return entry;
    }, warmup, rounds, perRound);

    String w = name();
    double perStep = Stats.millis(run.measured().median() - run.baseline().median()) / entries;
    List<Measurement> out = new ArrayList<>();
    out.add(Measurement.of(w, db + "_run_median", Stats.millis(run.measured().median()), "ms",
        Measurement.format(Stats.millis(run.baseline().median()))));
    out.add(Measurement.of(w, db + "_entries_per_run", entries, "entries", "-"));
    out.add(budget == null
        ? Measurement.of(w, db + "_per_step", perStep, "ms", "-")
        : Measurement.budgeted(w, db + "_per_step", perStep, "ms", "-", budget));
    out.add(Measurement.of(w, db + "_append_median", Stats.millis(append.measured().median()), "ms",
        Measurement.format(Stats.millis(append.baseline().median()))));
    out.add(Measurement.of(w, db + "_append_p99", Stats.millis(append.measured().p99()), "ms",
        Measurement.format(Stats.millis(append.baseline().p99()))));
    return out;
  }
}
