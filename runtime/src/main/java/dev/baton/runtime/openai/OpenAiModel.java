package dev.baton.runtime.openai;

import dev.baton.runtime.AnswerTooLargeException;
import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ModelSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * {@link InterruptedException}. An answer over {@link Builder#maxAnswerChars(int)} is an {@link
 * AnswerTooLargeException}; every other failure is a {@link ModelCallException}.
 *
 * <p>Each request carries the {@link ModelSettings} of the call layered over this model's {@link
 * Builder#defaults(ModelSettings) defaults}; only fields that are set are sent. Answers are bounded:
 * by {@link Builder#maxAnswerChars(int)} in characters, and in bytes per JSON body or stream event;
 * a stream is complete at {@code [DONE]} or when it closes after a {@code finish_reason}. A
 * response that is neither JSON nor a stream (an HTML page) fails at once, without retries.
 *
 * <p>Secrets: the API key, every value given to {@link Builder#header(String, String)} (and the
 * token of a {@code Scheme token} value), the password and key-like query parameters of the base
 * URL, and the header values of a request's settings are scrubbed from {@link #toString()},
 * exception messages and causes, and from everything an answer carries: text, text deltas,
 * refusals, tool-call ids, names, arguments and provider fields, and the response's id and model. Values shorter than eight characters (dummy keys
 * such as {@code ollama}) are not treated as secrets. Text a tool produces never passes through this client and is not scrubbed
 * by it.
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

  /**
   * The longest answer accepted unless another limit is set, in characters: far above what any
   * model writes in one answer today (the largest output limits are about 128,000 tokens, some
   * 500,000 characters), far below what would strain the heap.
   */
  public static final int DEFAULT_MAX_ANSWER_CHARS = 4_000_000;

  /** The name of the client's answer-size setting, as {@link AnswerTooLargeException} reports it. */
  static final String SETTING = "OpenAiModel.Builder.maxAnswerChars";

  /** Provider fields of assistant messages not sent back unless configured otherwise. */
  public static final Set<String> DEFAULT_OMITTED_PROVIDER_FIELDS =
      Set.of("reasoning_content", "reasoning");

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
  private final ModelSettings defaults;
  private final WireDialect dialect;
  private final int maxAnswerChars;
  private final WireJson json;

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
    this.scrubber = new SecretScrubber(Secrets.of(apiKey, builder.headers, base));
    this.defaults = builder.defaults;
    this.dialect = new WireDialect(
        builder.tokenLimitField != null ? builder.tokenLimitField : defaultTokenLimitField(base),
        builder.omittedProviderFields);
    this.maxAnswerChars = builder.maxAnswerChars;
    this.json = new WireJson(maxAnswerChars);
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

  /**
   * OpenAI (and Azure OpenAI) take {@code max_completion_tokens} and reject {@code max_tokens} on
   * reasoning models; other compatible servers (Ollama, vLLM, llama.cpp, LM Studio, routers) know
   * {@code max_tokens}, and not all know the newer name.
   */
  private static String defaultTokenLimitField(HttpUrl base) {
    String host = base.host();
    return host.equals("api.openai.com") || host.endsWith(".openai.azure.com")
        ? "max_completion_tokens" : "max_tokens";
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
   * @throws AnswerTooLargeException if the answer exceeds {@link Builder#maxAnswerChars(int)}
   */
  @Override
  public ModelResponse respond(ModelRequest request, ModelListener listener)
      throws InterruptedException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before calling the model");
    }
    ModelSettings settings = request.settings().over(defaults);
    SecretScrubber scrubber = scrubberFor(settings);
    byte[] body;
    try {
      body = ChatRequestEncoder.encode(request, model, streaming, settings, dialect);
    } catch (IllegalArgumentException e) {
      throw new ModelCallException(request.runId(), request.path(), 0, 0,
          scrubber.scrub("cannot send the request: " + e.getMessage()), null);
    }
    Headers.Builder headers = requestHeaders.newBuilder();
    try {
      settings.extraHeaders().forEach(headers::set);
    } catch (IllegalArgumentException e) {
      throw new ModelCallException(request.runId(), request.path(), 0, 0,
          "cannot send the request: a header of the model settings has a name or value that is"
              + " not allowed in HTTP headers", null);
    }
    Request http = new Request.Builder()
        .url(endpoint)
        .headers(headers.build())
        .post(RequestBody.create(body, JSON))
        .build();
    CallIds ids = CallIds.of(request);

    long started = System.nanoTime();
    long budget = retryPolicy.maxTotalTime().toNanos();
    for (int attempt = 1; ; attempt++) {
      long remaining = budget - (System.nanoTime() - started);
      Duration timeout = Duration.ofNanos(Math.max(1, Math.min(attemptTimeout.toNanos(), remaining)));
      Call call = client.newCall(http);
      call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
      Exchange.Limits limits = new Exchange.Limits(timeout, scrubber, clock, json, maxAnswerChars,
          maxBodyBytes(maxAnswerChars), ids);
      AttemptOutcome outcome = new Exchange(call, streaming, limits).run(listener);
      if (outcome instanceof AttemptOutcome.Answered answered) {
        return answered.response();
      }
      AttemptOutcome.Failed failed = (AttemptOutcome.Failed) outcome;
      if (failed.tooLarge()) {
        throw new AnswerTooLargeException(request.runId(), request.path(), maxAnswerChars,
            SETTING, scrubber.scrub(failed.reason()));
      }
      if (!failed.retryable()) {
        throw failure(request, failed, attempt, "", scrubber);
      }
      if (attempt >= retryPolicy.maxAttempts()) {
        throw failure(request, failed, attempt, "; retries exhausted", scrubber);
      }
      Duration delay = retryPolicy.delayBefore(
          attempt, failed.retryAfter(), ThreadLocalRandom.current().nextDouble());
      if (System.nanoTime() - started + delay.toNanos() >= budget) {
        throw failure(request, failed, attempt,
            "; retrying after " + delay + " would exceed the retry policy's maxTotalTime of "
                + retryPolicy.maxTotalTime(), scrubber);
      }
      sleeper.sleep(delay);
      listener.onRetry(attempt + 1, scrubber.scrub(failed.reason()));
    }
  }

  /** The model's scrubber, plus the values of headers the request's settings add. */
  private SecretScrubber scrubberFor(ModelSettings settings) {
    if (settings.extraHeaders().isEmpty()) {
      return scrubber;
    }
    List<String> secrets = new ArrayList<>(Secrets.of(apiKey, extraHeaders, base));
    settings.extraHeaders().values().forEach(v -> Secrets.addHeaderValue(secrets, v));
    return new SecretScrubber(secrets);
  }

  /**
   * The most bytes one JSON body or one stream event may have: room for {@code maxAnswerChars}
   * characters written as six-byte escapes, plus the envelope.
   */
  static long maxBodyBytes(int maxAnswerChars) {
    return 6L * maxAnswerChars + 64 * 1024;
  }

  private ModelCallException failure(ModelRequest request, AttemptOutcome.Failed failed,
      int attempts, String why, SecretScrubber scrubber) {
    String message = "model call to " + displayUrl(endpoint) + " failed after " + attempts
        + (attempts == 1 ? " attempt" : " attempts") + ": " + failed.reason() + why
        + hint(failed.status(), request);
    return new ModelCallException(request.runId(), request.path(), failed.status(), attempts,
        scrubber.scrub(message), ScrubbedException.safe(failed.cause(), scrubber));
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

  /** How this model writes requests for its server; for tests. */
  WireDialect dialect() {
    return dialect;
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
        + ", attemptTimeout=" + attemptTimeout + ", retryPolicy=" + retryPolicy
        + ", maxAnswerChars=" + maxAnswerChars + ", tokenLimitField=" + dialect.tokenLimitField()
        + (defaults.isEmpty() ? "" : ", defaults=" + defaults) + "}";
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
    private ModelSettings defaults = ModelSettings.NONE;
    private String tokenLimitField;
    private Set<String> omittedProviderFields = DEFAULT_OMITTED_PROVIDER_FIELDS;
    private int maxAnswerChars = DEFAULT_MAX_ANSWER_CHARS;

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
      this.defaults = model.defaults;
      this.tokenLimitField = model.dialect.tokenLimitField();
      this.omittedProviderFields = model.dialect.omittedMessageFields();
      this.maxAnswerChars = model.maxAnswerChars;
    }

    /**
     * Sets the model settings every request starts from; a run's and an agent's settings win over
     * them field by field. Only fields that are set are sent.
     *
     * @param defaults the settings; {@link ModelSettings#NONE} for none
     * @return this builder
     */
    public Builder defaults(ModelSettings defaults) {
      this.defaults = Objects.requireNonNull(defaults, "defaults");
      return this;
    }

    /**
     * Sets the body field that carries {@link ModelSettings#maxTokens()}. By default it is {@code
     * max_completion_tokens} for {@code api.openai.com} and Azure OpenAI ({@code
     * *.openai.azure.com}), whose reasoning models reject {@code max_tokens}, and {@code
     * max_tokens} for every other server, since not all compatible servers know the newer name.
     *
     * @param field {@code max_tokens} or {@code max_completion_tokens} (or another name a server
     *     wants)
     * @return this builder
     */
    public Builder tokenLimitField(String field) {
      Objects.requireNonNull(field, "field");
      if (field.isBlank()) {
        throw new IllegalArgumentException("tokenLimitField must not be blank");
      }
      this.tokenLimitField = field;
      return this;
    }

    /**
     * Sets which provider fields of assistant messages are not sent back to this server. They
     * stay in the conversation, the journal and resumed runs; only requests leave them out. The
     * default, {@link #DEFAULT_OMITTED_PROVIDER_FIELDS}, leaves out reasoning text ({@code
     * reasoning_content}, DeepSeek's, which it rejects in the input; {@code reasoning}, which
     * routers send), and sends every other field back verbatim. Provider fields of tool calls
     * (such as Gemini's {@code extra_content.google.thought_signature}, which Gemini requires
     * back) are always sent back.
     *
     * @param fields field names; none to send every field back
     * @return this builder
     */
    public Builder omittedProviderFields(String... fields) {
      this.omittedProviderFields = Set.of(fields);
      return this;
    }

    /**
     * Sets the longest answer accepted, in characters of text, refusal, tool-call arguments and
     * provider fields together ({@link dev.baton.runtime.model.ModelResponse#answerChars()}); a
     * longer one fails the call with an {@link AnswerTooLargeException} whose {@code setting()}
     * names this limit, and is not retried. It also bounds memory: a JSON body or a stream event
     * may be at most {@code 6 × maxAnswerChars + 64 KiB} bytes (six bytes per escaped character),
     * and a JSON string value at most {@code maxAnswerChars} characters; exceeding those fails the
     * same way. A run bounds answers too ({@link dev.baton.runtime.RunOptions#maxAnswerChars()},
     * default 10,000,000, counted the same way): whichever of the two is smaller trips first.
     *
     * @param chars at least 1; default {@value #DEFAULT_MAX_ANSWER_CHARS}
     * @return this builder
     */
    public Builder maxAnswerChars(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("maxAnswerChars must be at least 1, not " + chars);
      }
      this.maxAnswerChars = chars;
      return this;
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
            + new SecretScrubber(Secrets.of(apiKey, headers, null)).scrub(baseUrl) + "\"");
      }
      return new OpenAiModel(this, base);
    }

    /** Settings without secrets: the key shows only whether it is set; headers only by name. */
    @Override
    public String toString() {
      HttpUrl parsed = HttpUrl.parse(baseUrl);
      String shownUrl = parsed == null ? baseUrl : displayUrl(parsed);
      return "OpenAiModel.Builder{baseUrl="
          + new SecretScrubber(Secrets.of(apiKey, headers, parsed)).scrub(shownUrl)
          + ", model=" + model
          + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "(none)" : "(set)")
          + ", organization=" + (organization == null ? "(none)" : organization)
          + ", headers=" + headers.keySet() + ", streaming=" + streaming
          + ", attemptTimeout=" + attemptTimeout + ", retryPolicy=" + retryPolicy
          + ", maxAnswerChars=" + maxAnswerChars
          + (defaults.isEmpty() ? "" : ", defaults=" + defaults) + "}";
    }
  }
}
