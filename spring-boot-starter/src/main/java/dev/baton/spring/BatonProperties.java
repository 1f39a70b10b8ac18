package dev.baton.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Baton's configuration, under the {@code baton} prefix.
 *
 * <pre>
 * baton.openai.base-url=http://localhost:11434/v1
 * baton.openai.api-key=${OPENAI_API_KEY}
 * baton.openai.model=gpt-4.1-mini
 * baton.run.deadline=2m
 * </pre>
 *
 * <p>The API key and header values are secrets: Spring Boot's actuator masks every value of
 * {@code /env} and {@code /configprops} unless the application opts in to showing them
 * ({@code management.endpoint.env.show-values}), and masks keys named like {@code api-key} even
 * then; {@link #toString()} of these objects never shows them.
 */
@ConfigurationProperties("baton")
public class BatonProperties {
  private final OpenAi openai = new OpenAi();
  private final Run run = new Run();
  private final Runners runners = new Runners();

  /**
   * The OpenAI-compatible model client.
   *
   * @return the client's settings
   */
  public OpenAi getOpenai() {
    return openai;
  }

  /**
   * Options of every run.
   *
   * @return the run settings
   */
  public Run getRun() {
    return run;
  }

  /**
   * Which generated runners become beans.
   *
   * @return the runner settings
   */
  public Runners getRunners() {
    return runners;
  }

  @Override
  public String toString() {
    return "BatonProperties{openai=" + openai + ", run=" + run + ", runners=" + runners + "}";
  }

  /** Settings of the OpenAI-compatible model client ({@code baton.openai.*}). */
  public static class OpenAi {
    /**
     * Whether to create the model client; off, the application defines its own {@code Model} bean.
     */
    private boolean enabled = true;

    /**
     * The server's base URL, the part before /chat/completions; the OpenAI API when unset.
     */
    private String baseUrl;

    /** The API key, sent as a bearer token. A secret: never logged or shown. */
    private String apiKey;

    /** The model name sent with every request unless an agent names its own. */
    private String model;

    /** The longest one attempt of a model call may take, including a streamed answer. */
    private Duration attemptTimeout;

    /** How many attempts a model call makes in all (1 = no retries); 429, 5xx and connection failures are retried. */
    private Integer maxAttempts;

    /** Whether answers are streamed (server-sent events). */
    private Boolean streaming;

    /** Headers sent with every request (provider knobs, gateway keys). Values are secrets. */
    private Map<String, String> headers = new LinkedHashMap<>();

    /**
     * Whether to create the model client.
     *
     * @return true unless disabled
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether to create the model client.
     *
     * @param enabled false to define the {@code Model} bean yourself
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The base URL.
     *
     * @return the URL, or null for the OpenAI API
     */
    public String getBaseUrl() {
      return baseUrl;
    }

    /**
     * Sets the base URL.
     *
     * @param baseUrl an http or https URL
     */
    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    /**
     * The API key.
     *
     * @return the key, or null
     */
    public String getApiKey() {
      return apiKey;
    }

    /**
     * Sets the API key.
     *
     * @param apiKey the key
     */
    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    /**
     * The model name.
     *
     * @return the name, or null for the client's default
     */
    public String getModel() {
      return model;
    }

    /**
     * Sets the model name.
     *
     * @param model the name
     */
    public void setModel(String model) {
      this.model = model;
    }

    /**
     * The attempt timeout.
     *
     * @return the timeout, or null for the client's default
     */
    public Duration getAttemptTimeout() {
      return attemptTimeout;
    }

    /**
     * Sets the attempt timeout.
     *
     * @param attemptTimeout a positive duration
     */
    public void setAttemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = attemptTimeout;
    }

    /**
     * The number of attempts.
     *
     * @return the number, or null for the client's default
     */
    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets the number of attempts.
     *
     * @param maxAttempts at least 1
     */
    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /**
     * Whether answers are streamed.
     *
     * @return the setting, or null for the client's default (streamed)
     */
    public Boolean getStreaming() {
      return streaming;
    }

    /**
     * Sets whether answers are streamed.
     *
     * @param streaming true to stream
     */
    public void setStreaming(Boolean streaming) {
      this.streaming = streaming;
    }

    /**
     * The extra headers.
     *
     * @return name to value, mutable for binding
     */
    public Map<String, String> getHeaders() {
      return headers;
    }

    /**
     * Sets the extra headers.
     *
     * @param headers name to value
     */
    public void setHeaders(Map<String, String> headers) {
      this.headers = headers;
    }

    @Override
    public String toString() {
      return "OpenAi{enabled=" + enabled + ", baseUrl=" + baseUrl + ", apiKey="
          + (apiKey == null ? "unset" : "(set)") + ", model=" + model + ", attemptTimeout="
          + attemptTimeout + ", maxAttempts=" + maxAttempts + ", streaming=" + streaming
          + ", headers=" + headers.keySet() + "}";
    }
  }

  /** Options of every run ({@code baton.run.*}). */
  public static class Run {
    /** The longest a run may take; unbounded when unset. */
    private Duration deadline;

    /** The most model calls one run may make, across all its agents. */
    private Integer maxModelCalls;

    /**
     * The run deadline.
     *
     * @return the deadline, or null
     */
    public Duration getDeadline() {
      return deadline;
    }

    /**
     * Sets the run deadline.
     *
     * @param deadline a positive duration
     */
    public void setDeadline(Duration deadline) {
      this.deadline = deadline;
    }

    /**
     * The model-call limit.
     *
     * @return the limit, or null for the runtime's default
     */
    public Integer getMaxModelCalls() {
      return maxModelCalls;
    }

    /**
     * Sets the model-call limit.
     *
     * @param maxModelCalls a positive number
     */
    public void setMaxModelCalls(Integer maxModelCalls) {
      this.maxModelCalls = maxModelCalls;
    }

    @Override
    public String toString() {
      return "Run{deadline=" + deadline + ", maxModelCalls=" + maxModelCalls + "}";
    }
  }

  /** Which generated runners become beans ({@code baton.runners.*}). */
  public static class Runners {
    /** Whether every generated runner on the classpath becomes a bean of its interface. */
    private boolean enabled = true;

    /** Fully qualified names of agent-system interfaces that do not become beans. */
    private List<String> exclude = new ArrayList<>();

    /**
     * Whether runners become beans.
     *
     * @return true unless disabled
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether runners become beans.
     *
     * @param enabled false to register none
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The excluded interfaces.
     *
     * @return qualified names, mutable for binding
     */
    public List<String> getExclude() {
      return exclude;
    }

    /**
     * Sets the excluded interfaces.
     *
     * @param exclude qualified names
     */
    public void setExclude(List<String> exclude) {
      this.exclude = exclude;
    }

    @Override
    public String toString() {
      return "Runners{enabled=" + enabled + ", exclude=" + exclude + "}";
    }
  }
}
