package dev.baton.bench;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.RunOptions;
import dev.baton.temporal.BatonWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs as Temporal workflows under the in-process test server, beside the same runs in process:
 * a run of one LLM agent (one model-call activity) and a fan-out of N branches (N activities),
 * with an instant model, so the figures are Temporal's and Baton's overhead only. Workflow threads
 * are virtual, as a fan-out of 1,000 branches needs 1,000 of them.
 */
final class TemporalWorkload implements Workload {
  private static final String QUEUE = "bench";

  @Override
  public String name() {
    return "temporal";
  }

  @Override
  public String description() {
    return "runs as Temporal workflows on the in-process test server: one model call per run,"
        + " a fan-out of 1,000 branches (vs the same runs in process)";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    int n = smoke ? 50 : 1_000;
    AgentGraph one = AgentGraph.builder("One")
        .llmAgent("solo", a -> a.instructions("Answer.").input("task", String.class)
            .output(String.class))
        .build();
    Orchestrator solo = Orchestrator.builder(one).model(InstantModels.instant()).build();
    Orchestrator fanout = Orchestrator.builder(FanoutNWorkload.graph(n))
        .model(InstantModels.instant())
        .options(RunOptions.builder().maxModelCalls(n + 1).build()).build();
    TestEnvironmentOptions options = TestEnvironmentOptions.newBuilder()
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
            .setUsingVirtualWorkflowThreads(true).setMaxWorkflowThreadCount(4 * n).build())
        .build();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
      Worker worker = env.newWorker(QUEUE);
      BatonWorker.on(worker)
          .register(solo, BatonWorker.Registration.defaults())
          .register(fanout, BatonWorker.Registration.defaults());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String fanType = fanout.graph().name();

      int warmup = smoke ? 2 : 30;
      int runs = smoke ? 3 : 100;
      for (int i = 0; i < warmup; i++) {
        run(client, "One", "solo");
        Sampler.sink = solo.call("solo", "task");
      }
      long[] temporal = new long[runs];
      long[] local = new long[runs];
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        run(client, "One", "solo");
        temporal[i] = System.nanoTime() - t0;
        t0 = System.nanoTime();
        Sampler.sink = solo.call("solo", "task");
        local[i] = System.nanoTime() - t0;
      }

      int fanRuns = smoke ? 1 : 3;
      run(client, fanType, "all");
      long[] fanTemporal = new long[fanRuns];
      long[] fanLocal = new long[fanRuns];
      for (int i = 0; i < fanRuns; i++) {
        long t0 = System.nanoTime();
        run(client, fanType, "all");
        fanTemporal[i] = System.nanoTime() - t0;
        t0 = System.nanoTime();
        Sampler.sink = fanout.call("all", "task");
        fanLocal[i] = System.nanoTime() - t0;
      }

      String w = name();
      Stats t = Stats.of(temporal);
      Stats l = Stats.of(local);
      List<Measurement> out = new ArrayList<>();
      out.add(Measurement.of(w, "one_model_call_run_median", Stats.millis(t.median()), "ms",
          Measurement.format(Stats.millis(l.median()))));
      out.add(Measurement.of(w, "one_model_call_run_p99", Stats.millis(t.p99()), "ms",
          Measurement.format(Stats.millis(l.p99()))));
      out.add(Measurement.of(w, "fanout" + n + "_wall_median", Stats.millis(Stats.of(fanTemporal)
          .median()), "ms", Measurement.format(Stats.millis(Stats.of(fanLocal).median()))));
      return out;
    }
  }

  private static void run(WorkflowClient client, String type, String agent) {
    WorkflowStub stub = client.newUntypedWorkflowStub(type, WorkflowOptions.newBuilder()
        .setTaskQueue(QUEUE).setWorkflowId(type + "-" + UUID.randomUUID()).build());
    stub.start(agent, "[\"task\"]");
    Sampler.sink = stub.getResult(String.class);
  }
}
