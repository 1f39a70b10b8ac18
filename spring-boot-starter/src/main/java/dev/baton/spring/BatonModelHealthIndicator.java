package dev.baton.spring;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the model endpoint answers, without spending tokens: a {@code GET {base-url}/models}
 * with the configured key and headers, the model-listing call OpenAI's API and the compatible
 * servers (Ollama, vLLM, llama.cpp server, LM Studio, OpenRouter) offer for free. Up on a 2xx
 * answer; down with the HTTP status otherwise (401 means the key is wrong), or with the kind of
 * connection failure. The details name the base URL and the status, never the key. Thread-safe.
 */
final class BatonModelHealthIndicator extends AbstractHealthIndicator {
  private final String baseUrl;
  private final String apiKey;
  private final Map<String, String> headers;
  private final OkHttpClient client;

  BatonModelHealthIndicator(String baseUrl, String apiKey, Map<String, String> headers, Duration timeout) {
    super("the Baton model endpoint check failed");
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.apiKey = apiKey;
    this.headers = Map.copyOf(headers);
    this.client = new OkHttpClient.Builder().callTimeout(timeout).build();
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Request.Builder request = new Request.Builder().url(baseUrl + "/models").get();
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    headers.forEach(request::header);
    builder.withDetail("baseUrl", baseUrl);
    try (Response response = client.newCall(request.build()).execute()) {
      builder.withDetail("status", response.code());
      if (response.isSuccessful()) {
        builder.up();
      } else {
        builder.down();
      }
    } catch (IOException e) {
      // The exception's message may quote the URL but never a header; report only its kind.
      builder.down().withDetail("error", e.getClass().getSimpleName());
    }
  }

  void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
