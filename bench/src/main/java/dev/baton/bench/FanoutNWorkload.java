package dev.baton.bench;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fan-out of N LLM agents whose model sleeps 100 ms, against the same sleeps on a
 * virtual-thread-per-task executor: wall time of the whole fan-out, platform threads, and heap
 * held per branch while every branch waits in its model call.
 */
final class FanoutNWorkload implements Workload {
  static final Duration LATENCY = Duration.ofMillis(100);
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  // CPU time of the whole process (every thread, the garbage collector's included), in ns.
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  @Override
  public String name() {
    return "fanoutN";
  }

  @Override
  public String description() {
    return "fan-out of N LLM agents whose model sleeps 100 ms vs the same sleeps on"
        + " Executors.newVirtualThreadPerTaskExecutor()";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    List<Measurement> out = new ArrayList<>();
    for (int n : smoke ? new int[] {100, 1_000} : new int[] {100, 1_000, 10_000, 100_000}) {
      out.addAll(measure(n, smoke));
    }
    return out;
  }

  private List<Measurement> measure(int n, boolean smoke) throws Exception {
    AgentGraph graph = graph(n);
    RunOptions options = RunOptions.builder().maxModelCalls(n + 1).build();
    Orchestrator sleeping = Orchestrator.builder(graph).model(InstantModels.sleeping(LATENCY))
        .options(options).build();

    // 100,000 branches take seconds of CPU per run on this machine: fewer rounds.
    int warmup = smoke ? 0 : n >= 100_000 ? 1 : 3;
    int runs = smoke ? 1 : n >= 100_000 ? 5 : 7;
    for (int i = 0; i < warmup; i++) {
      sleeping.call("all", "task");
      baseline(n);
    }
    long[] baton = new long[runs];
    long[] plain = new long[runs];
    long[] batonCpu = new long[runs];
    long[] plainCpu = new long[runs];
    long[] batonAlloc = new long[runs];
    long[] plainAlloc = new long[runs];
    int batonThreads = 0;
    int plainThreads = 0;
    for (int i = 0; i < runs; i++) {
      int before = THREADS.getThreadCount();
      THREADS.resetPeakThreadCount();
      long a0 = THREADS.getTotalThreadAllocatedBytes();
      long c0 = OS.getProcessCpuTime();
      long t0 = System.nanoTime();
      baseline(n);
      plain[i] = System.nanoTime() - t0;
      plainCpu[i] = OS.getProcessCpuTime() - c0;
      plainAlloc[i] = THREADS.getTotalThreadAllocatedBytes() - a0;
      plainThreads = Math.max(plainThreads, THREADS.getPeakThreadCount() - before);

      before = THREADS.getThreadCount();
      THREADS.resetPeakThreadCount();
      a0 = THREADS.getTotalThreadAllocatedBytes();
      c0 = OS.getProcessCpuTime();
      t0 = System.nanoTime();
      Sampler.sink = sleeping.call("all", "task");
      baton[i] = System.nanoTime() - t0;
      batonCpu[i] = OS.getProcessCpuTime() - c0;
      batonAlloc[i] = THREADS.getTotalThreadAllocatedBytes() - a0;
      batonThreads = Math.max(batonThreads, THREADS.getPeakThreadCount() - before);
    }

    // The parked stacks' size depends on how the JIT compiled the frames of the model call (on
    // this machine 1.1 to 2.8 KB a branch between JVMs), so each side is measured three times.
    int heapRuns = smoke ? 1 : 3;
    double[] batonHeaps = new double[heapRuns];
    double[] plainHeaps = new double[heapRuns];
    for (int i = 0; i < heapRuns; i++) {
      batonHeaps[i] = heapPerBranch(n, gate -> Orchestrator.builder(graph).model(gate)
          .options(options).build().call("all", "task"));
      plainHeaps[i] = heapPerBranch(n, gate -> {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
          for (int k = 0; k < n; k++) {
            executor.submit(() -> gate.respond(null, null));
          }
        }
        return null;
      });
    }
    java.util.Arrays.sort(batonHeaps);
    java.util.Arrays.sort(plainHeaps);
    double batonHeap = batonHeaps[heapRuns / 2];
    double plainHeap = plainHeaps[heapRuns / 2];

    String w = name();
    String m = "n" + n + "_";
    Stats b = Stats.of(baton);
    Stats p = Stats.of(plain);
    List<Measurement> out = new ArrayList<>();
    out.add(n == 10_000
        ? Measurement.budgeted(w, m + "wall_median", Stats.millis(b.median()), "ms",
            Measurement.format(Stats.millis(p.median())), Measurement.Budget.atMost(200))
        : Measurement.of(w, m + "wall_median", Stats.millis(b.median()), "ms",
            Measurement.format(Stats.millis(p.median()))));
    out.add(Measurement.of(w, m + "wall_max", Stats.millis(b.percentile(100)), "ms",
        Measurement.format(Stats.millis(p.percentile(100)))));
    // "No platform thread per branch": a constant few carriers, whatever N is.
    out.add(Measurement.budgeted(w, m + "extra_platform_threads", batonThreads, "threads",
        Integer.toString(plainThreads), Measurement.Budget.atMost(16)));
    // CPU of the whole process per branch (carriers, the forking thread, the garbage collector):
    // with C cores a run cannot take less wall time than its CPU time over C.
    // Below 10,000 branches a run's share of the JIT, the GC and the clock's granularity swamps it.
    Stats bc = Stats.of(batonCpu);
    Stats pc = Stats.of(plainCpu);
    if (n >= 10_000) {
      out.add(Measurement.of(w, m + "cpu_per_branch", Stats.micros(bc.median()) / n, "us",
          Measurement.format(Stats.micros(pc.median()) / n)));
      // Bytes allocated per branch by every thread (a virtual thread's on its carrier), parked stacks
      // included: what the garbage collector has to deal with while the branches wait.
      out.add(Measurement.of(w, m + "allocated_per_branch",
          (double) Stats.of(batonAlloc).median() / n, "bytes",
          Measurement.format((double) Stats.of(plainAlloc).median() / n)));
    }
    if (n == 100_000) {
      // Against the same sleeps on bare virtual threads, in the same rounds.
      out.add(Measurement.budgeted(w, m + "wall_median_vs_baseline",
          (double) b.median() / p.median(), "x", "1", Measurement.Budget.atMost(1.3)));
      // The lowest ratio this CPU allows: max(the model's latency, CPU / cores) over the baseline.
      int cores = Runtime.getRuntime().availableProcessors();
      double floor = Math.max(LATENCY.toNanos(), (double) bc.median() / cores) / p.median();
      out.add(Measurement.of(w, m + "cpu_floor_vs_baseline", floor, "x", "1"));
    }
    out.add(n == 10_000
        ? Measurement.budgeted(w, m + "heap_per_branch", batonHeap, "bytes",
            Measurement.format(plainHeap), Measurement.Budget.atMost(2048))
        : Measurement.of(w, m + "heap_per_branch", batonHeap, "bytes",
            Measurement.format(plainHeap)));
    if (n == 10_000 && heapRuns > 1) {
      out.add(Measurement.of(w, m + "heap_per_branch_lowest", batonHeaps[0], "bytes",
          Measurement.format(plainHeaps[0])));
      out.add(Measurement.of(w, m + "heap_per_branch_highest", batonHeaps[heapRuns - 1], "bytes",
          Measurement.format(plainHeaps[heapRuns - 1])));
    }
    return out;
  }

  /** N branch agents under one fan-out agent {@code all}, all bound to its {@code task}. */
  static AgentGraph graph(int n) {
    String[] names = new String[n];
    AgentGraph.Builder b = AgentGraph.builder("Fanout" + n);
    for (int i = 0; i < n; i++) {
      String name = "b" + i;
      names[i] = name;
      b.llmAgent(name, a -> a.instructions("Work on the task.").input("task", String.class)
          .output(String.class));
    }
    return b.fanOut("all", a -> a.parallel(names).input("task", String.class)).build();
  }

  private static void baseline(int n) {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        executor.submit(() -> {
          Thread.sleep(LATENCY);
          return null;
        });
      }
    }
  }

  /** Runs a fan-out whose model call blocks on a gate. */
  @FunctionalInterface
  private interface GatedRun {
    Object run(Model gate) throws Exception;
  }

  /**
   * Heap held per branch while all N branches wait inside their model call: used heap after a
   * full GC then, minus used heap after a full GC before the run, over N. Includes the virtual
   * threads' stacks, which live on the heap while they are parked.
   */
  private static double heapPerBranch(int n, GatedRun fanOut) throws Exception {
    CountDownLatch entered = new CountDownLatch(n);
    CountDownLatch release = new CountDownLatch(1);
    Model gate = (request, listener) -> {
      entered.countDown();
      release.await();
      return InstantModels.OK;
    };
    long before = usedAfterGc();
    Thread runner = Thread.ofPlatform().name("bench-gated-fanout").start(() -> {
      try {
        Sampler.sink = fanOut.run(gate);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    long during;
    try {
      entered.await();
      during = usedAfterGc();
    } finally {
      release.countDown();
      runner.join();
    }
    return (double) (during - before) / n;
  }

  private static long usedAfterGc() {
    System.gc();
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}
