package dev.baton.bench;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.openai.OpenAiModel;
import dev.baton.runtime.openai.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Concurrent runs of one LLM agent over HTTP to a loopback OpenAI-compatible server that answers
 * after 20 ms, against the same requests made with plain OkHttp ({@code Call.execute()} on virtual
 * threads). Both sides use identically configured clients, each fresh: a dispatcher on virtual
 * threads allowing every request at once, and a pool keeping every connection.
 */
final class HttpWorkload implements Workload {
  static final Duration SERVER_DELAY = Duration.ofMillis(20);
  private static final MediaType JSON = MediaType.get("application/json");
  /** What OpenAiModel sends for the step agent, so that both sides send the same bytes. */
  private static final byte[] REQUEST = ("{\"model\":\"bench\",\"messages\":["
      + "{\"role\":\"system\",\"content\":\"" + StepWorkload.INSTRUCTIONS + "\"},"
      + "{\"role\":\"user\",\"content\":\"What is 2 + 2?\"}]}").getBytes(StandardCharsets.UTF_8);

  @Override
  public String name() {
    return "http";
  }

  @Override
  public String description() {
    return "concurrent runs of one agent against a loopback server answering after 20 ms vs plain"
        + " OkHttp";
  }

  /** One side's way to make one call. */
  @FunctionalInterface
  private interface Caller {
    Object call() throws Exception;
  }

  /** Throughput and latency of one round. */
  private record Round(double perSecond, long p99Nanos, long medianNanos) {}

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    int concurrency = smoke ? 50 : 1_000;
    int perWorker = smoke ? 1 : 5;
    // A measured round is about half a second: seven alternating pairs, so one slow round on
    // either side does not decide the ratio.
    int repetitions = smoke ? 1 : 7;
    AgentGraph graph = AgentGraph.builder("Http")
        .llmAgent("answer", a -> a.instructions(StepWorkload.INSTRUCTIONS)
            .input("question", String.class).output(String.class))
        .build();
    List<Round> plain = new ArrayList<>();
    List<Round> baton = new ArrayList<>();
    try (LoopbackServer server = new LoopbackServer(SERVER_DELAY)) {
      for (int r = 0; r < repetitions; r++) {
        plain.add(side(concurrency, perWorker, client -> {
          Request request = new Request.Builder().url(server.baseUrl() + "/chat/completions")
              .header("Authorization", "Bearer bench")
              .post(RequestBody.create(REQUEST, JSON)).build();
          return () -> {
            try (Response response = client.newCall(request).execute()) {
              if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code());
              }
              return response.body().string();
            }
          };
        }));
        baton.add(side(concurrency, perWorker, client -> {
          OpenAiModel model = OpenAiModel.builder().baseUrl(server.baseUrl()).apiKey("bench")
              .model("bench").streaming(false).retryPolicy(RetryPolicy.NONE)
              .attemptTimeout(Duration.ofSeconds(60)).client(client).build();
          Orchestrator orchestrator = Orchestrator.builder(graph).model(model)
              .options(RunOptions.defaults()).build();
          return () -> orchestrator.call("answer", "What is 2 + 2?");
        }));
      }
    }
    Round p = median(plain);
    Round b = median(baton);
    String w = name();
    String c = "c" + concurrency + "_";
    return List.of(
        Measurement.of(w, c + "throughput", b.perSecond(), "runs/s",
            Measurement.format(p.perSecond())),
        // The median of the pairs' ratios: each pair ran back to back, so drift hits both sides.
        Measurement.budgeted(w, c + "throughput_vs_okhttp", 100.0 * medianRatio(baton, plain),
            "%", "100", Measurement.Budget.atLeast(90)),
        Measurement.of(w, c + "latency_median", Stats.millis(b.medianNanos()), "ms",
            Measurement.format(Stats.millis(p.medianNanos()))),
        Measurement.of(w, c + "latency_p99", Stats.millis(b.p99Nanos()), "ms",
            Measurement.format(Stats.millis(p.p99Nanos()))));
  }

  /** The median over pairs of rounds of the measured round's throughput over the baseline's. */
  private static double medianRatio(List<Round> measured, List<Round> baseline) {
    double[] ratios = new double[measured.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = measured.get(i).perSecond() / baseline.get(i).perSecond();
    }
    java.util.Arrays.sort(ratios);
    return ratios[ratios.length / 2];
  }

  /** The round of median throughput. */
  private static Round median(List<Round> rounds) {
    List<Round> sorted = new ArrayList<>(rounds);
    sorted.sort((x, y) -> Double.compare(x.perSecond(), y.perSecond()));
    return sorted.get(sorted.size() / 2);
  }

  /** Makes a side's caller from a fresh client. */
  @FunctionalInterface
  private interface Side {
    Caller using(OkHttpClient client) throws Exception;
  }

  /** A warm-up round of one call per worker, then the measured round, on a fresh client. */
  private static Round side(int concurrency, int perWorker, Side side) throws Exception {
    ExecutorService dispatcherThreads = Executors.newVirtualThreadPerTaskExecutor();
    Dispatcher dispatcher = new Dispatcher(dispatcherThreads);
    dispatcher.setMaxRequests(concurrency * 2);
    dispatcher.setMaxRequestsPerHost(concurrency * 2);
    OkHttpClient client = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(concurrency * 2, 5, TimeUnit.MINUTES))
        .readTimeout(Duration.ofSeconds(60))
        .build();
    try {
      Caller caller = side.using(client);
      round(concurrency, 1, caller);
      return round(concurrency, perWorker, caller);
    } finally {
      dispatcher.cancelAll();
      dispatcherThreads.shutdown();
      client.connectionPool().evictAll();
      dispatcherThreads.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** {@code concurrency} virtual threads, released together, each making {@code perWorker} calls. */
  private static Round round(int concurrency, int perWorker, Caller caller) throws Exception {
    long[] latencies = new long[concurrency * perWorker];
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>(concurrency);
    for (int w = 0; w < concurrency; w++) {
      int first = w * perWorker;
      workers.add(Thread.ofVirtual().name("bench-http-", w).start(() -> {
        try {
          go.await();
          for (int i = 0; i < perWorker; i++) {
            long t0 = System.nanoTime();
            Sampler.sink = caller.call();
            latencies[first + i] = System.nanoTime() - t0;
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }));
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread t : workers) {
      t.join();
    }
    long wall = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException("a call failed: " + failure.get(), failure.get());
    }
    Stats s = Stats.of(latencies);
    return new Round(latencies.length / (wall / 1e9), s.p99(), s.median());
  }
}
