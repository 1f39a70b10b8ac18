package dev.baton.bench;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunState;
import dev.baton.runtime.ToolInvoker;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resume speed and the file journal's cost per step. A code agent loops over an LLM agent that
 * calls a tool once per turn ({@code lookup}), then calls an agent whose {@code publish} tool needs
 * approval, so the run pauses with its journal in {@link JournalStore#file(Path)}. Measured: from
 * {@link RunState#fromStore} + {@link Orchestrator#resume(RunState)} of the approved state to the
 * moment its first live step (the approved {@code publish}) starts, with every earlier entry
 * replayed. Also a bare {@code append} to the file store with and without forcing to disk.
 */
final class ResumeWorkload implements Workload {
  static final String OWNER = "bench.ResumeTools";
  private static final String NO_PARAMETERS =
      "{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}";
  private static final int ENTRIES = 10_000;
  // More rounds for profiling runs: -Dbench.resume.rounds=N (the table uses the default).
  private static final int ROUNDS = Integer.getInteger("bench.resume.rounds", 5);

  @Override
  public String name() {
    return "resume";
  }

  @Override
  public String description() {
    return "resume a 10,000-entry journal to its first live step; file journal append with and"
        + " without forcing to disk";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    Path dir = Files.createTempDirectory("baton-bench-resume");
    try {
      return measure(dir, smoke);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private List<Measurement> measure(Path dir, boolean smoke) throws Exception {
    String w = name();
    List<Measurement> out = new ArrayList<>();
    // Entries one iteration journals, from a short probe run.
    int target = smoke ? 200 : ENTRIES;
    Paused probe = pause(dir.resolve("probe"), 10);
    double perIteration = (probe.entries() - pause(dir.resolve("probe0"), 0).entries()) / 10.0;
    int iterations = (int) Math.ceil(target / perIteration);

    int rounds = smoke ? 1 : ROUNDS;
    int warmup = smoke ? 0 : 1;
    long[] toLive = new long[rounds];
    long[] load = new long[rounds];
    long[] call = new long[rounds];
    int entries = 0;
    double firstRunPerEntry = 0;
    for (int i = -warmup; i < rounds; i++) {
      Path store = dir.resolve("r" + (i + warmup));
      long t0 = System.nanoTime();
      Paused p = pause(store, iterations);
      long written = System.nanoTime() - t0;
      entries = p.entries();
      Resumed r = resume(store, p);
      if (i >= 0) {
        toLive[i] = r.toFirstLive();
        load[i] = r.load();
        call[i] = r.call();
        firstRunPerEntry = (double) written / entries;
      }
    }
    Stats live = Stats.of(toLive);
    out.add(Measurement.of(w, "journal_entries", entries, "entries", "-"));
    out.add(Measurement.budgeted(w, "to_first_live_step_median", Stats.millis(live.median()), "ms",
        "-", Measurement.Budget.atMost(200)));
    out.add(Measurement.of(w, "to_first_live_step_max", Stats.millis(live.percentile(100)), "ms",
        "-"));
    out.add(Measurement.of(w, "to_first_live_step_min", Stats.millis(java.util.Arrays.stream(toLive).min().orElse(0)), "ms",
        "-"));
    out.add(Measurement.of(w, "load_from_store_median", Stats.millis(Stats.of(load).median()), "ms",
        "-"));
    out.add(Measurement.of(w, "resume_call_median", Stats.millis(Stats.of(call).median()), "ms",
        "-"));
    out.add(Measurement.of(w, "first_run_per_entry_file", Stats.micros(firstRunPerEntry), "us",
        "-"));

    // A bare append of one typical entry, without and with forcing to disk.
    JournalEntry entry = new JournalEntry("loop/worker[1]#m1", "{\"text\":\"\",\"toolCalls\":[{\"id\":"
        + "\"call-1\",\"name\":\"lookup\",\"arguments\":\"{}\"}],\"finishReason\":\"tool_calls\"}");
    for (boolean force : new boolean[] {false, true}) {
      JournalStore store = JournalStore.file(dir.resolve(force ? "forced" : "plain"), force);
      int n = smoke ? 20 : force ? 300 : 3_000;
      long[] took = new long[n];
      store.create("append");
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        store.append("append", entry);
        took[i] = System.nanoTime() - t0;
      }
      Stats s = Stats.of(took);
      String m = force ? "file_append_forced_" : "file_append_";
      out.add(Measurement.of(w, m + "median", Stats.micros(s.median()), "us", "-"));
      out.add(Measurement.of(w, m + "p99", Stats.micros(s.p99()), "us", "-"));
    }
    return out;
  }

  private record Paused(String runId, RunState state, int entries) {}

  /** Nanoseconds: {@code fromStore} + {@code approve}; {@code resume} until it returned; to live. */
  private record Resumed(long load, long call, long toFirstLive) {}

  /** Runs until the {@code publish} approval: {@code iterations} loops, then the pause. */
  private static Paused pause(Path dir, int iterations) {
    JournalStore store = JournalStore.file(dir);
    Orchestrator o = orchestrator(store, (tool, args, ctx) -> tool + " done");
    Run<Object> run = o.start("loop", Integer.toString(iterations));
    try {
      run.await();
      throw new IllegalStateException("the run did not pause for approval");
    } catch (ApprovalRequiredException e) {
      return new Paused(run.id(), e.state(), store.load(run.id()).size());
    }
  }

  private static Resumed resume(Path dir, Paused paused) throws Exception {
    long[] live = new long[1];
    ToolInvoker tools = (tool, args, ctx) -> {
      if (tool.equals("publish") && live[0] == 0) {
        live[0] = System.nanoTime();
      }
      return tool + " done";
    };
    JournalStore store = JournalStore.file(dir);
    String callId = paused.state().approvals().get(0).callId();
    long t0 = System.nanoTime();
    RunState state = RunState.fromStore(store, paused.runId()).approve(callId);
    long loaded = System.nanoTime() - t0;
    Orchestrator o = orchestrator(store, tools);
    long t1 = System.nanoTime();
    Run<Object> run = o.resume(state);
    long called = System.nanoTime() - t1;
    Object result = run.await();
    if (live[0] == 0 || !"published".equals(result)) {
      throw new IllegalStateException("the resumed run did not publish: " + result);
    }
    return new Resumed(loaded, called, live[0] - t0);
  }

  private static Orchestrator orchestrator(JournalStore store, ToolInvoker tools) {
    AgentGraph graph = AgentGraph.builder("Loop")
        .codeAgent("loop", a -> a.input("task", String.class).output(String.class))
        .llmAgent("worker", a -> a.instructions("Look it up.").input("item", String.class)
            .tool(new ToolSpec("lookup", "Looks up.", NO_PARAMETERS, false, OWNER)))
        .llmAgent("publisher", a -> a.instructions("Publish.").input("item", String.class)
            .tool(new ToolSpec("publish", "Publishes.", NO_PARAMETERS, true, OWNER)))
        .call("loop", "worker")
        .call("loop", "publisher")
        .build();
    // Each worker turn: a tool call, then, once the tool's result is in, the answer.
    Model model = (request, listener) -> {
      List<Message> m = request.messages();
      if (m.get(m.size() - 1) instanceof ToolMessage t) {
        return ModelResponse.text(t.content().equals("publish done") ? "published" : "found");
      }
      String tool = request.agent().equals("publisher") ? "publish" : "lookup";
      return ModelResponse.toolCalls(List.of(new ToolCall("call-" + m.size(), tool, "{}")));
    };
    return Orchestrator.builder(graph).model(model).tools(OWNER, tools)
        .codeAgent("loop", (orch, args) -> {
          // The loop's length is its argument, which the journal holds: a resume replays it.
          int n = Integer.parseInt((String) args[0]);
          for (int i = 0; i < n; i++) {
            orch.call("worker", "item " + i);
          }
          return orch.call("publisher", "all");
        })
        .options(RunOptions.builder().journalStore(store).maxModelCalls(1_000_000).build())
        .build();
  }
}
