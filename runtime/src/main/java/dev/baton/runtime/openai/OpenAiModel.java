package dev.baton.runtime.openai;

import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A {@link Model} that speaks the OpenAI Chat Completions wire format over OkHttp: OpenAI itself
 * and every compatible server (Ollama, vLLM, llama.cpp server, LM Studio, OpenRouter, Groq).
 *
 * <pre>{@code
 * OpenAiModel model = OpenAiModel.builder()
 *     .baseUrl("http://localhost:11434/v1")   // Ollama; the default is OpenAI
 *     .model("llama3.2")
 *     .build();
 * }</pre>
 *
 * <p>Requests carry tools (as strict function schemas), structured output ({@code
 * response_format} with a JSON Schema) and, by default, ask for a stream whose text deltas reach
 * the {@link ModelListener} as they arrive. Transient failures are retried as the {@link
 * RetryPolicy} says; each attempt is bounded by {@link Builder#attemptTimeout(Duration)}.
 * Interrupting the calling thread cancels the HTTP call at once and {@link #respond} throws
 * {@link InterruptedException}. Every other failure is a {@link ModelCallException}.
 *
 * <p>The API key never appears in {@link #toString()}, in exception messages or causes, or in
 * logs; text a server echoes back is scrubbed of it.
 *
 * <p>Immutable and thread-safe: build one and share it across agents, runs and threads. {@link
 * #newBuilder()} derives variants that share its HTTP client (connections and threads). A model
 * built without {@link Builder#client(OkHttpClient)} owns a client whose dispatcher runs on
 * virtual threads, so it never keeps the JVM alive; {@link #close()} releases its connections. A
 * client passed in stays the caller's to shut down.
 */
public final class OpenAiModel implements Model, AutoCloseable {
  /** The base URL used unless another is set: OpenAI's API. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  /** The model name used unless another is set or the request names one. */
  public static final String DEFAULT_MODEL = "gpt-4.1-mini";

  /** The per-attempt timeout unless another is set; long answers from slow models fit in it. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Calls in flight at once through an owned client, in all and per host. OkHttp's default of 5
   * per host would serialize a fan-out of agents talking to one server.
   */
  static final int MAX_CONCURRENT_CALLS = 256;

  private static final MediaType JSON = MediaType.get("application/json");

  private final String baseUrl;
  private final HttpUrl base;
  private final HttpUrl endpoint;
  private final String apiKey;
  private final String model;
  private final String organization;
  private final Map<String, String> extraHeaders;
  private final Headers requestHeaders;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final Duration attemptTimeout;
  private final RetryPolicy retryPolicy;
  private final boolean streaming;
  private final SecretScrubber scrubber;
  private final Sleeper sleeper;
  private final Clock clock;

  private OpenAiModel(Builder builder, HttpUrl base) {
    this.baseUrl = builder.baseUrl;
    this.base = base;
    this.endpoint = base.newBuilder().addPathSegments("chat/completions").build();
    this.apiKey = builder.apiKey;
    this.model = builder.model;
    this.organization = builder.organization;
    this.extraHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
    this.attemptTimeout = builder.attemptTimeout;
    this.retryPolicy = builder.retryPolicy;
    this.streaming = builder.streaming;
    this.scrubber = new SecretScrubber(apiKey);
    this.sleeper = builder.sleeper;
    this.clock = builder.clock;
    this.requestHeaders = requestHeaders(builder);
    this.ownsClient = builder.client == null;
    // The read timeout must not cut a slow model's first token before the attempt timeout does
    // (OkHttp's default is 10 s); everything else of a shared client stays as configured.
    this.client = (ownsClient ? ownClient() : builder.client.newBuilder())
        .readTimeout(attemptTimeout)
        .build();
  }

  private static OkHttpClient.Builder ownClient() {
    // Virtual threads: no idle pool thread keeps the JVM alive, and blocking reads cost nothing.
    ExecutorService executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("baton-openai-", 0).factory());
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(MAX_CONCURRENT_CALLS);
    dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_CALLS);
    return new OkHttpClient.Builder().dispatcher(dispatcher);
  }

  private static Headers requestHeaders(Builder builder) {
    Headers.Builder headers = new Headers.Builder();
    if (builder.apiKey != null && !builder.apiKey.isEmpty()) {
      headers.add("Authorization", "Bearer " + builder.apiKey);
    }
    if (builder.organization != null && !builder.organization.isEmpty()) {
      headers.add("OpenAI-Organization", builder.organization);
    }
    // Extra headers come last and win, so e.g. a proxy's own auth scheme can replace ours.
    builder.headers.forEach(headers::set);
    return headers.build();
  }

  /**
   * A builder with the defaults: OpenAI's base URL, {@link #DEFAULT_MODEL}, no key, streaming,
   * {@link #DEFAULT_ATTEMPT_TIMEOUT}, {@link RetryPolicy#DEFAULT}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this model's settings and sharing its HTTP client. Models built from it do
   * not own that client: closing them does nothing to it.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * Sends the request, retrying transient failures, and returns the complete answer.
   *
   * @param request the conversation, tools and output schema
   * @param listener receives text deltas on this thread as they arrive
   * @return the answer
   * @throws InterruptedException if this thread is interrupted; the HTTP call is cancelled
   * @throws ModelCallException if the server fails, after retries where they apply, or answers
   *     something that is not a chat completion; the message says what and carries the server's
   *     error message
   */
  @Override
  public ModelResponse respond(ModelRequest request, ModelListener listener)
      throws InterruptedException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before calling the model");
    }
    byte[] body;
    try {
      body = ChatRequestEncoder.encode(request, model, streaming);
    } catch (IllegalArgumentException e) {
      throw new ModelCallException(request.runId(), request.path(), 0, 0,
          "cannot send the request: " + e.getMessage(), null);
    }
    Request http = new Request.Builder()
        .url(endpoint)
        .headers(requestHeaders)
        .post(RequestBody.create(body, JSON))
        .build();

    long started = System.nanoTime();
    long budget = retryPolicy.maxTotalTime().toNanos();
    for (int attempt = 1; ; attempt++) {
      long remaining = budget - (System.nanoTime() - started);
      Duration timeout = Duration.ofNanos(Math.max(1, Math.min(attemptTimeout.toNanos(), remaining)));
      Call call = client.newCall(http);
      call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
      AttemptOutcome outcome =
          new Exchange(call, streaming, timeout, scrubber, clock).run(listener);
      if (outcome instanceof AttemptOutcome.Answered answered) {
        return answered.response();
      }
      AttemptOutcome.Failed failed = (AttemptOutcome.Failed) outcome;
      if (!failed.retryable()) {
        throw failure(request, failed, attempt, "");
      }
      if (attempt >= retryPolicy.maxAttempts()) {
        throw failure(request, failed, attempt, "; retries exhausted");
      }
      Duration delay = retryPolicy.delayBefore(
          attempt, failed.retryAfter(), ThreadLocalRandom.current().nextDouble());
      if (System.nanoTime() - started + delay.toNanos() >= budget) {
        throw failure(request, failed, attempt,
            "; retrying after " + delay + " would exceed the retry policy's maxTotalTime of "
                + retryPolicy.maxTotalTime());
      }
      sleeper.sleep(delay);
      listener.onRetry(attempt + 1, failed.reason());
    }
  }

  private ModelCallException failure(
      ModelRequest request, AttemptOutcome.Failed failed, int attempts, String why) {
    String message = "model call to " + displayUrl(endpoint) + " failed after " + attempts
        + (attempts == 1 ? " attempt" : " attempts") + ": " + failed.reason() + why
        + hint(failed.status(), request);
    return new ModelCallException(request.runId(), request.path(), failed.status(), attempts,
        scrubber.scrub(message), failed.cause());
  }

  /** What a user can do about a status, since a bare 401 or 404 rarely says it. */
  private String hint(int status, ModelRequest request) {
    return switch (status) {
      case 401, 403 -> "; check the API key (OPENAI_API_KEY) and its access to this model";
      case 404 -> "; check the base URL (OPENAI_BASE_URL) and that the server has model \""
          + (request.model().isEmpty() ? model : request.model()) + "\"";
      case 429 -> "; the server is rate limiting: lower concurrency or raise the retry policy";
      default -> "";
    };
  }

  /** The URL without user info or query, which could hold credentials. */
  private static String displayUrl(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).fragment(null).build()
        .toString();
  }

  /**
   * Cancels calls in flight and releases connections and threads, if this model created its own
   * HTTP client; does nothing to a client passed to {@link Builder#client(OkHttpClient)}. A closed
   * model must not be used again, nor models derived from it with {@link #newBuilder()}.
   */
  @Override
  public void close() {
    if (ownsClient) {
      client.dispatcher().cancelAll();
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /** The base URL requests go to, e.g. {@code https://api.openai.com/v1}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The model name used when a request names none. */
  public String model() {
    return model;
  }

  /** Whether answers are requested as streams. */
  public boolean streaming() {
    return streaming;
  }

  /** The timeout of each attempt, from sending the request to the last byte of the answer. */
  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /** When failed attempts are retried. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** Settings without secrets: the key shows only whether it is set; headers only by name. */
  @Override
  public String toString() {
    return "OpenAiModel{baseUrl=" + scrubber.scrub(displayUrl(base)) + ", model=" + model
        + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "(none)" : "(set)")
        + ", organization=" + (organization == null ? "(none)" : organization)
        + ", headers=" + extraHeaders.keySet() + ", streaming=" + streaming
        + ", attemptTimeout=" + attemptTimeout + ", retryPolicy=" + retryPolicy + "}";
  }

  /**
   * Builds an {@link OpenAiModel}. Not thread-safe; the models it builds are. Its {@link
   * #toString()} shows no secrets.
   */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private String apiKey;
    private String model = DEFAULT_MODEL;
    private String organization;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private OkHttpClient client;
    private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private boolean streaming = true;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    private Builder(OpenAiModel model) {
      this.baseUrl = model.baseUrl;
      this.apiKey = model.apiKey;
      this.model = model.model;
      this.organization = model.organization;
      this.headers.putAll(model.extraHeaders);
      this.client = model.client;
      this.attemptTimeout = model.attemptTimeout;
      this.retryPolicy = model.retryPolicy;
      this.streaming = model.streaming;
      this.sleeper = model.sleeper;
      this.clock = model.clock;
    }

    /**
     * Sets the server's base URL, the part before {@code /chat/completions}, e.g. {@code
     * http://localhost:11434/v1} for Ollama.
     *
     * @param baseUrl an http or https URL
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * Sets the API key, sent as a bearer token. Local servers usually need none.
     *
     * @param apiKey the key, or null or empty for none
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Sets the model name used when a request names none.
     *
     * @param model a model name the server knows, e.g. {@code gpt-4.1-mini}
     * @return this builder
     */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      this.model = model;
      return this;
    }

    /**
     * Sets the OpenAI organization sent as {@code OpenAI-Organization}.
     *
     * @param organization the organization id, or null for none
     * @return this builder
     */
    public Builder organization(String organization) {
      this.organization = organization;
      return this;
    }

    /**
     * Adds a header to every request, replacing any earlier value of that name and the
     * model's own headers of that name ({@code Authorization} included). Values are treated as
     * secrets: {@link #toString()} shows only names.
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      // Validate now, so a bad header fails here rather than on the first call; OkHttp's message
      // would quote the value, which may be a secret.
      try {
        new Headers.Builder().add(name, value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("header " + name
            + " has a name or value that is not allowed in HTTP headers");
      }
      headers.put(name, value);
      return this;
    }

    /**
     * Sets the OkHttp client to share: its connection pool, dispatcher, interceptors and proxy
     * settings are used; its read timeout is replaced by the attempt timeout. The client remains
     * the caller's to shut down ({@link #close()} leaves it alone). Without one, the model creates
     * its own.
     *
     * @param client the client, or null for an own one
     * @return this builder
     */
    public Builder client(OkHttpClient client) {
      this.client = client;
      return this;
    }

    /**
     * Sets the timeout of each attempt, from sending the request to the last byte of the answer
     * (a stream included). A timed-out attempt is retried like a connection failure.
     *
     * @param attemptTimeout positive
     * @return this builder
     */
    public Builder attemptTimeout(Duration attemptTimeout) {
      Objects.requireNonNull(attemptTimeout, "attemptTimeout");
      if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
        throw new IllegalArgumentException("attemptTimeout must be positive: " + attemptTimeout);
      }
      this.attemptTimeout = attemptTimeout;
      return this;
    }

    /**
     * Sets when failed attempts are retried.
     *
     * @param retryPolicy the policy; {@link RetryPolicy#NONE} for a single attempt
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets whether answers are requested as server-sent event streams, so that text reaches the
     * listener as it is generated. Servers that answer a stream request with plain JSON still
     * work.
     *
     * @param streaming true (the default) to stream
     * @return this builder
     */
    public Builder streaming(boolean streaming) {
      this.streaming = streaming;
      return this;
    }

    /** Replaces the waits between attempts; tests observe them without spending them. */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Replaces the clock that {@code Retry-After} dates are measured against. */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the model.
     *
     * @return the model
     * @throws IllegalArgumentException if the base URL is not an http or https URL
     */
    public OpenAiModel build() {
      HttpUrl base = HttpUrl.parse(baseUrl);
      if (base == null) {
        throw new IllegalArgumentException("baseUrl is not an http or https URL: \""
            + new SecretScrubber(apiKey).scrub(baseUrl) + "\"");
      }
      return new OpenAiModel(this, base);
    }

    /** Settings without secrets: the key shows only whether it is set; headers only by name. */
    @Override
    public String toString() {
      HttpUrl parsed = HttpUrl.parse(baseUrl);
      String shownUrl = parsed == null ? baseUrl : displayUrl(parsed);
      return "OpenAiModel.Builder{baseUrl=" + new SecretScrubber(apiKey).scrub(shownUrl)
          + ", model=" + model
          + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "(none)" : "(set)")
          + ", organization=" + (organization == null ? "(none)" : organization)
          + ", headers=" + headers.keySet() + ", streaming=" + streaming
          + ", attemptTimeout=" + attemptTimeout + ", retryPolicy=" + retryPolicy + "}";
    }
  }
}
