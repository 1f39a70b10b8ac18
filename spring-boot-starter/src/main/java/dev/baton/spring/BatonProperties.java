package dev.baton.spring;

import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.ModelSettings;
import dev.baton.runtime.openai.OpenAiModel;
import dev.baton.runtime.openai.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

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
 *
 * <p>The properties validate themselves when they are bound ({@link Validator}): a value the
 * runtime would refuse fails start-up with a message naming the property, such as {@code
 * baton.run.max-model-calls must be at least 1, not 0}. The rules are the runtime's own (each value
 * is tried on the builder it configures), so the two never disagree; secret values (the key,
 * header values) are never quoted.
 */
@ConfigurationProperties("baton")
public class BatonProperties implements Validator {
  private final OpenAi openai = new OpenAi();
  private final Run run = new Run();
  private final Runners runners = new Runners();
  private final Jdbc jdbc = new Jdbc();

  /**
   * The JDBC stores.
   *
   * @return the JDBC settings
   */
  public Jdbc getJdbc() {
    return jdbc;
  }

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
    return "BatonProperties{openai=" + openai + ", run=" + run + ", runners=" + runners + ", jdbc="
        + jdbc + "}";
  }

  /**
   * Whether {@link #validate} checks objects of {@code type}.
   *
   * @param type a class
   * @return true for {@code BatonProperties}
   */
  @Override
  public boolean supports(Class<?> type) {
    return BatonProperties.class.isAssignableFrom(type);
  }

  /**
   * Rejects every value the runtime would refuse, one error each, naming the property.
   *
   * @param target the bound properties
   * @param errors where the problems go
   */
  @Override
  public void validate(Object target, Errors errors) {
    for (String problem : ((BatonProperties) target).problems()) {
      errors.reject("baton.invalid", problem);
    }
  }

  /**
   * What is wrong with these values, each message naming its property; empty when the runtime
   * takes them all.
   *
   * @return the problems, in property order
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    OpenAi o = openai;
    if (o.baseUrl != null) {
      try {
        OpenAiModel.builder().baseUrl(o.baseUrl).build().close(); // sends nothing
      } catch (IllegalArgumentException e) {
        // Not quoted: a URL can carry a key in its query or user part.
        out.add("baton.openai.base-url must be an http or https URL such as"
            + " http://localhost:11434/v1");
      }
    }
    check(out, "baton.openai.model", o.model, v -> OpenAiModel.builder().model(v));
    check(out, "baton.openai.attempt-timeout", o.attemptTimeout,
        v -> OpenAiModel.builder().attemptTimeout(v));
    check(out, "baton.openai.max-attempts", o.maxAttempts,
        v -> RetryPolicy.builder().maxAttempts(v).build());
    check(out, "baton.openai.max-answer-chars", o.maxAnswerChars,
        v -> OpenAiModel.builder().maxAnswerChars(v));
    o.headers.forEach((name, value) -> {
      try {
        OpenAiModel.builder().header(name, value == null ? "" : value);
      } catch (IllegalArgumentException e) {
        out.add("baton.openai.headers." + name + " must be a valid HTTP header: a name of visible"
            + " ASCII token characters and a value without line breaks (the value is not shown)");
      }
    });
    Settings s = o.settings;
    String at = "baton.openai.settings.";
    check(out, at + "temperature", s.temperature, v -> ModelSettings.builder().temperature(v).build());
    check(out, at + "top-p", s.topP, v -> ModelSettings.builder().topP(v).build());
    check(out, at + "max-tokens", s.maxTokens, v -> ModelSettings.builder().maxTokens(v).build());
    check(out, at + "tool-choice", s.toolChoice, v -> ModelSettings.builder().toolChoice(v).build());
    check(out, at + "reasoning-effort", s.reasoningEffort,
        v -> ModelSettings.builder().reasoningEffort(v).build());
    check(out, at + "stop", s.stop.isEmpty() ? null : s.stop,
        v -> ModelSettings.builder().stop(v.toArray(String[]::new)).build());
    check(out, "baton.run.deadline", run.deadline, v -> RunOptions.builder().deadline(v));
    check(out, "baton.run.max-model-calls", run.maxModelCalls,
        v -> RunOptions.builder().maxModelCalls(v));
    check(out, "baton.run.max-answer-chars", run.maxAnswerChars,
        v -> RunOptions.builder().maxAnswerChars(v));
    // baton.runners.exclude is checked against the runners found, when they are registered.
    return out;
  }

  // "maxModelCalls must be at least 1, not 0": the runtime names its own parameter first.
  private static final Pattern PARAMETER_FIRST = Pattern.compile("^[a-zA-Z]+ (must .*)$",
      Pattern.DOTALL);

  // Tries a set value on what it configures; the runtime's refusal, reworded to name the property.
  private static <T> void check(List<String> out, String property, T value, Consumer<T> apply) {
    if (value == null) {
      return;
    }
    try {
      apply.accept(value);
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      Matcher m = PARAMETER_FIRST.matcher(why);
      out.add(m.matches() ? property + " " + m.group(1) : property + " is not valid: " + why);
    }
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

    /**
     * The longest answer the client reads, in characters: a longer one fails the call
     * (AnswerTooLargeException) and bounds each response body and stream event too.
     */
    private Integer maxAnswerChars;

    /** Headers sent with every request (provider knobs, gateway keys). Values are secrets. */
    private Map<String, String> headers = new LinkedHashMap<>();

    /** Default model settings of every request; runs and agents override them field by field. */
    private final Settings settings = new Settings();

    /**
     * The default model settings.
     *
     * @return the settings, mutable for binding
     */
    public Settings getSettings() {
      return settings;
    }

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
     * The client's answer-size limit.
     *
     * @return characters, or null for the client's default (4,000,000)
     */
    public Integer getMaxAnswerChars() {
      return maxAnswerChars;
    }

    /**
     * Sets the client's answer-size limit.
     *
     * @param maxAnswerChars at least 1
     */
    public void setMaxAnswerChars(Integer maxAnswerChars) {
      this.maxAnswerChars = maxAnswerChars;
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
          + ", maxAnswerChars=" + maxAnswerChars + ", headers=" + headers.keySet() + ", settings=" + settings + "}";
    }
  }

  /**
   * Default model settings ({@code baton.openai.settings.*}), in Chat Completions terms; only
   * those set are sent.
   */
  public static class Settings {
    /** Sampling temperature, 0 to 2. */
    private Double temperature;

    /** Nucleus sampling: the probability mass of the tokens considered, 0 to 1. */
    private Double topP;

    /** The most tokens an answer may have (max_tokens or max_completion_tokens on the wire). */
    private Integer maxTokens;

    /** auto, none, required, or the name of one tool. */
    private String toolChoice;

    /** Whether the model may call several tools in one turn; unset, the server decides. */
    private Boolean parallelToolCalls;

    /** Sequences that end an answer. */
    private List<String> stop = new ArrayList<>();

    /** Seed for best-effort deterministic sampling. */
    private Long seed;

    /** Reasoning effort of reasoning models: minimal, low, medium or high. */
    private String reasoningEffort;

    /**
     * The temperature.
     *
     * @return the value, or null
     */
    public Double getTemperature() {
      return temperature;
    }

    /**
     * Sets the temperature.
     *
     * @param temperature 0 to 2
     */
    public void setTemperature(Double temperature) {
      this.temperature = temperature;
    }

    /**
     * The top-p.
     *
     * @return the value, or null
     */
    public Double getTopP() {
      return topP;
    }

    /**
     * Sets the top-p.
     *
     * @param topP 0 to 1
     */
    public void setTopP(Double topP) {
      this.topP = topP;
    }

    /**
     * The token limit.
     *
     * @return the value, or null
     */
    public Integer getMaxTokens() {
      return maxTokens;
    }

    /**
     * Sets the token limit.
     *
     * @param maxTokens a positive number
     */
    public void setMaxTokens(Integer maxTokens) {
      this.maxTokens = maxTokens;
    }

    /**
     * The tool choice.
     *
     * @return the value, or null
     */
    public String getToolChoice() {
      return toolChoice;
    }

    /**
     * Sets the tool choice.
     *
     * @param toolChoice auto, none, required, or a tool name
     */
    public void setToolChoice(String toolChoice) {
      this.toolChoice = toolChoice;
    }

    /**
     * Whether parallel tool calls are allowed.
     *
     * @return the value, or null
     */
    public Boolean getParallelToolCalls() {
      return parallelToolCalls;
    }

    /**
     * Sets whether parallel tool calls are allowed.
     *
     * @param parallelToolCalls the value
     */
    public void setParallelToolCalls(Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
    }

    /**
     * The stop sequences.
     *
     * @return the sequences, mutable for binding
     */
    public List<String> getStop() {
      return stop;
    }

    /**
     * Sets the stop sequences.
     *
     * @param stop the sequences
     */
    public void setStop(List<String> stop) {
      this.stop = stop;
    }

    /**
     * The seed.
     *
     * @return the value, or null
     */
    public Long getSeed() {
      return seed;
    }

    /**
     * Sets the seed.
     *
     * @param seed the value
     */
    public void setSeed(Long seed) {
      this.seed = seed;
    }

    /**
     * The reasoning effort.
     *
     * @return the value, or null
     */
    public String getReasoningEffort() {
      return reasoningEffort;
    }

    /**
     * Sets the reasoning effort.
     *
     * @param reasoningEffort minimal, low, medium or high
     */
    public void setReasoningEffort(String reasoningEffort) {
      this.reasoningEffort = reasoningEffort;
    }

    /**
     * The settings as the model client takes them.
     *
     * @return the settings; {@code ModelSettings.NONE} when nothing is set
     */
    public dev.baton.runtime.model.ModelSettings toModelSettings() {
      var b = dev.baton.runtime.model.ModelSettings.builder().temperature(temperature).topP(topP)
          .maxTokens(maxTokens).toolChoice(toolChoice).parallelToolCalls(parallelToolCalls).seed(seed)
          .reasoningEffort(reasoningEffort);
      if (!stop.isEmpty()) {
        b.stop(stop.toArray(String[]::new));
      }
      return b.build();
    }

    @Override
    public String toString() {
      return toModelSettings().toString();
    }
  }

  /** Options of every run ({@code baton.run.*}). */
  public static class Run {
    /** The longest a run may take; unbounded when unset. */
    private Duration deadline;

    /** The most model calls one run may make, across all its agents. */
    private Integer maxModelCalls;

    /**
     * The longest answer a run accepts from any model call, in characters, whatever the model
     * client; a longer one fails that call with AnswerTooLargeException.
     */
    private Long maxAnswerChars;

    /**
     * The run's answer-size limit.
     *
     * @return characters, or null for the runtime's default (10,000,000)
     */
    public Long getMaxAnswerChars() {
      return maxAnswerChars;
    }

    /**
     * Sets the run's answer-size limit.
     *
     * @param maxAnswerChars at least 1
     */
    public void setMaxAnswerChars(Long maxAnswerChars) {
      this.maxAnswerChars = maxAnswerChars;
    }

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
      return "Run{deadline=" + deadline + ", maxModelCalls=" + maxModelCalls + ", maxAnswerChars="
          + maxAnswerChars + "}";
    }
  }

  /** Whether the JDBC stores are created from the application's DataSource ({@code baton.jdbc.*}). */
  public static class Jdbc {
    /** Whether a DataSource bean gives sessions and run journals a JDBC store. */
    private boolean enabled = true;

    /**
     * Whether the JDBC stores are created.
     *
     * @return true unless disabled
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the JDBC stores are created.
     *
     * @param enabled false to keep journals in memory and define stores yourself
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    @Override
    public String toString() {
      return "Jdbc{enabled=" + enabled + "}";
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
