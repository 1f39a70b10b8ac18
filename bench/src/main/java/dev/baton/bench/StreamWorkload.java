package dev.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.openai.OpenAiModel;
import dev.baton.runtime.openai.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * Streaming latency: a loopback server streams a Chat Completions answer as server-sent events,
 * each text chunk carrying the server's {@link System#nanoTime()} at the moment it was written
 * (same JVM, same clock). Measured: the time until a {@link RunListener} and a {@link Run#events()}
 * reader of one run each receive the chunk as a {@link RunEvent.TextDelta}, against reading the same
 * stream with okhttp-sse directly ({@link EventSources}, the chunk's JSON decoded with Jackson).
 * Paced chunks (one every 200 µs) give latency; a burst of chunks through one run gives deltas per
 * second.
 */
final class StreamWorkload implements Workload {
  private static final long GAP_NANOS = 200_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "stream";
  }

  @Override
  public String description() {
    return "loopback SSE text chunk to a RunListener and a Run.events() reader vs okhttp-sse alone";
  }

  @Override
  public List<Measurement> run(boolean smoke) throws Exception {
    int chunks = smoke ? 50 : 2_000;
    int rounds = smoke ? 1 : 7;
    int warmup = smoke ? 0 : 3;
    int burst = smoke ? 200 : 20_000;
    try (SseServer server = new SseServer()) {
      OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
      try {
        OpenAiModel model = OpenAiModel.builder().baseUrl(server.baseUrl(chunks, GAP_NANOS))
            .apiKey("bench").model("bench").retryPolicy(RetryPolicy.NONE)
            .attemptTimeout(Duration.ofSeconds(60)).client(client).build();
        OpenAiModel burstModel = model.newBuilder().baseUrl(server.baseUrl(burst, 0)).build();
        AgentGraph graph = AgentGraph.builder("Stream")
            .llmAgent("answer", a -> a.instructions("Answer.").input("question", String.class)
                .output(String.class))
            .build();

        for (int i = 0; i < warmup; i++) {
          batonRound(graph, model, chunks);
          okhttpRound(client, server.baseUrl(chunks, GAP_NANOS), chunks);
        }
        List<long[]> listener = new ArrayList<>();
        List<long[]> reader = new ArrayList<>();
        List<long[]> plain = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          long[][] b = batonRound(graph, model, chunks);
          listener.add(b[0]);
          reader.add(b[1]);
          plain.add(okhttpRound(client, server.baseUrl(chunks, GAP_NANOS), chunks));
        }
        // Throughput: one run, every chunk written back to back.
        long t0 = System.nanoTime();
        long[][] b = batonRound(graph, burstModel, burst);
        double batonRate = burst / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        okhttpRound(client, server.baseUrl(burst, 0), burst);
        double plainRate = burst / ((System.nanoTime() - t0) / 1e9);
        Sampler.sink = b;

        String w = name();
        Stats l = Stats.of(concat(listener));
        Stats r = Stats.of(concat(reader));
        Stats p = Stats.of(concat(plain));
        double added = Stats.micros(l.median() - p.median());
        List<Measurement> out = new ArrayList<>();
        out.add(Measurement.of(w, "listener_latency_median", Stats.micros(l.median()), "us",
            Measurement.format(Stats.micros(p.median()))));
        out.add(Measurement.of(w, "listener_latency_p99", Stats.micros(l.p99()), "us",
            Measurement.format(Stats.micros(p.p99()))));
        out.add(Measurement.of(w, "listener_latency_median_lowest_round",
            Stats.micros(roundMedian(listener, true)), "us",
            Measurement.format(Stats.micros(roundMedian(plain, true)))));
        out.add(Measurement.of(w, "listener_latency_median_highest_round",
            Stats.micros(roundMedian(listener, false)), "us",
            Measurement.format(Stats.micros(roundMedian(plain, false)))));
        out.add(Measurement.budgeted(w, "listener_added_median", added, "us", "-",
            Measurement.Budget.atMost(100)));
        out.add(Measurement.of(w, "events_reader_latency_median", Stats.micros(r.median()), "us",
            Measurement.format(Stats.micros(p.median()))));
        out.add(Measurement.of(w, "events_reader_latency_p99", Stats.micros(r.p99()), "us",
            Measurement.format(Stats.micros(p.p99()))));
        out.add(Measurement.budgeted(w, "events_reader_added_median",
            Stats.micros(r.median() - p.median()), "us", "-", Measurement.Budget.atMost(100)));
        out.add(Measurement.of(w, "burst" + burst + "_deltas_per_s", batonRate, "deltas/s",
            Measurement.format(plainRate)));
        return out;
      } finally {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    }
  }

  /** One run of the agent; latencies seen by its listener ([0]) and by its events reader ([1]). */
  private static long[][] batonRound(AgentGraph graph, OpenAiModel model, int chunks) {
    long[] byListener = new long[chunks];
    long[] byReader = new long[chunks];
    int[] heard = new int[1];
    RunListener listener = event -> {
      if (event instanceof RunEvent.TextDelta d && heard[0] < chunks) {
        byListener[heard[0]++] = System.nanoTime() - Long.parseLong(d.text());
      }
    };
    Orchestrator o = Orchestrator.builder(graph).model(model)
        .options(RunOptions.builder().listener(listener).build()).build();
    Run<Object> run = o.start("answer", "Stream.");
    int read = 0;
    try (Stream<RunEvent> events = run.events()) {
      Iterator<RunEvent> it = events.iterator();
      while (it.hasNext()) {
        if (it.next() instanceof RunEvent.TextDelta d && read < chunks) {
          byReader[read++] = System.nanoTime() - Long.parseLong(d.text());
        }
      }
    }
    run.await();
    if (read != chunks) {
      throw new IllegalStateException("the events reader saw " + read + " of " + chunks + " deltas");
    }
    // The listener has had every event once the run has ended.
    if (heard[0] != chunks) {
      throw new IllegalStateException("the listener saw " + heard[0] + " of " + chunks + " deltas");
    }
    return new long[][] {byListener, byReader};
  }

  /** The same stream read with okhttp-sse; each chunk's JSON decoded for its text. */
  private static long[] okhttpRound(OkHttpClient client, String baseUrl, int chunks)
      throws Exception {
    long[] latencies = new long[chunks];
    int[] seen = new int[1];
    CountDownLatch closed = new CountDownLatch(1);
    Throwable[] failure = new Throwable[1];
    Request request = new Request.Builder().url(baseUrl + "/chat/completions")
        .post(okhttp3.RequestBody.create("{\"model\":\"bench\",\"stream\":true}",
            okhttp3.MediaType.get("application/json")))
        .build();
    EventSource source = EventSources.createFactory(client).newEventSource(request,
        new EventSourceListener() {
          @Override
          public void onEvent(EventSource s, String id, String type, String data) {
            long now = System.nanoTime();
            if (data.equals("[DONE]")) {
              return;
            }
            try {
              String text = JSON.readTree(data).path("choices").path(0).path("delta")
                  .path("content").asText(null);
              if (text != null && seen[0] < chunks) {
                latencies[seen[0]++] = now - Long.parseLong(text);
              }
            } catch (IOException e) {
              failure[0] = e;
            }
          }

          @Override
          public void onClosed(EventSource s) {
            closed.countDown();
          }

          @Override
          public void onFailure(EventSource s, Throwable t, Response response) {
            failure[0] = t;
            closed.countDown();
          }
        });
    if (!closed.await(120, TimeUnit.SECONDS)) {
      source.cancel();
      throw new IllegalStateException("the stream did not end");
    }
    if (failure[0] != null || seen[0] != chunks) {
      throw new IllegalStateException("okhttp-sse saw " + seen[0] + " of " + chunks, failure[0]);
    }
    return latencies;
  }

  private static long[] concat(List<long[]> rounds) {
    return rounds.stream().flatMapToLong(java.util.Arrays::stream).toArray();
  }

  private static double roundMedian(List<long[]> rounds, boolean lowest) {
    return rounds.stream().mapToDouble(r -> Stats.of(r).median())
        .reduce(lowest ? Math::min : Math::max).orElse(0);
  }

  /**
   * Answers {@code POST /c<count>/g<gapNanos>/v1/chat/completions} with a stream of {@code count}
   * chunks, each with its write time as text, {@code gapNanos} apart, then a finish chunk with usage
   * and {@code [DONE]}.
   */
  private static final class SseServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    SseServer() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      server.setExecutor(executor);
      server.createContext("/", this::answer);
      server.start();
    }

    String baseUrl(int count, long gapNanos) {
      return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
          + "/c" + count + "/g" + gapNanos + "/v1";
    }

    private void answer(HttpExchange exchange) throws IOException {
      try (exchange) {
        try (InputStream in = exchange.getRequestBody()) {
          in.readAllBytes();
        }
        String[] parts = exchange.getRequestURI().getPath().split("/");
        int count = Integer.parseInt(parts[1].substring(1));
        long gap = Long.parseLong(parts[2].substring(1));
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
          for (int i = 0; i < count; i++) {
            if (gap > 0) {
              LockSupport.parkNanos(gap);
            }
            out.write(("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1700000000,\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\"" + System.nanoTime() + "\"},\"finish_reason\":null}]}\n\n")
                .getBytes(StandardCharsets.UTF_8));
            out.flush();
          }
          out.write(("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
              + "\"created\":1700000000,\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{},"
              + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":"
              + count + ",\"total_tokens\":" + (count + 5) + "}}\n\ndata: [DONE]\n\n")
              .getBytes(StandardCharsets.UTF_8));
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
      executor.close();
    }
  }
}
