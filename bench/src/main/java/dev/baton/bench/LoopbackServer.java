package dev.baton.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback OpenAI-compatible server: {@code POST /v1/chat/completions} reads the request, waits,
 * and answers one non-streamed chat completion. Exchanges run on virtual threads.
 */
final class LoopbackServer implements AutoCloseable {
  static final byte[] COMPLETION = """
      {"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench",\
      "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],\
      "usage":{"prompt_tokens":20,"completion_tokens":1,"total_tokens":21}}"""
      .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Duration delay;

  LoopbackServer(Duration delay) throws IOException {
    // The JDK server closes idle keep-alive connections beyond 200 by default, which would make
    // both sides of the comparison reconnect; read once, when the server class initializes.
    if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
      System.setProperty("sun.net.httpserver.maxIdleConnections", "8192");
    }
    this.delay = delay;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", this::answer);
    server.start();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, COMPLETION.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(COMPLETION);
      }
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:40123/v1}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
