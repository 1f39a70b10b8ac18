package dev.baton.runtime.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sampling and request settings for model calls, in the Chat Completions vocabulary. Every field is
 * optional: an unset field (null, or an empty list or map) is not sent, so the server's own default
 * applies.
 *
 * <p>Settings are layered: a model client's defaults ({@code OpenAiModel.Builder.defaults}), then a
 * run's or runner's ({@code RunOptions.Builder.modelSettings}), then an agent's ({@code
 * RunOptions.Builder.agentModelSettings}). A field set at a later level wins; {@link #extraBody()}
 * and {@link #extraHeaders()} merge by key. See {@link #over(ModelSettings)}.
 *
 * <pre>{@code
 * ModelSettings precise = ModelSettings.builder().temperature(0.0).maxTokens(800).seed(7L).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param temperature sampling temperature, 0 to 2 on OpenAI ({@code temperature})
 * @param topP nucleus sampling mass, 0 to 1 ({@code top_p})
 * @param maxTokens the most tokens the answer may have; sent as {@code max_tokens} or {@code
 *     max_completion_tokens} as the client's token-limit field says
 * @param toolChoice {@code auto}, {@code none} or {@code required}, sent as is; any other value
 *     names the one function the model must call ({@code {"type":"function","function":{"name":
 *     ...}}}). Sent only with tools.
 * @param parallelToolCalls whether the model may call several tools in one turn ({@code
 *     parallel_tool_calls}); sent only with tools. Some reasoning models reject the field, so it is
 *     never sent unless set.
 * @param stop up to four sequences that end the answer ({@code stop}); empty for none
 * @param seed a seed for best-effort deterministic sampling ({@code seed})
 * @param reasoningEffort how hard a reasoning model thinks, e.g. {@code low}, {@code medium},
 *     {@code high} ({@code reasoning_effort})
 * @param extraBody provider-specific top-level body fields, written last (they replace fields of
 *     the same name); values are anything Jackson writes: strings, numbers, booleans, lists, maps
 * @param extraHeaders provider-specific request headers; their values are treated as secrets
 *     (scrubbed from messages)
 */
public record ModelSettings(
    Double temperature,
    Double topP,
    Integer maxTokens,
    String toolChoice,
    Boolean parallelToolCalls,
    List<String> stop,
    Long seed,
    String reasoningEffort,
    Map<String, Object> extraBody,
    Map<String, String> extraHeaders) {

  /** No settings: every field unset. */
  public static final ModelSettings NONE =
      new ModelSettings(null, null, null, null, null, null, null, null, null, null);

  /** Checks and copies the components. */
  public ModelSettings {
    if (temperature != null && !(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "temperature must be a finite number of at least 0, not " + temperature);
    }
    if (topP != null && (topP.isNaN() || topP < 0 || topP > 1)) {
      throw new IllegalArgumentException("topP must be between 0 and 1, not " + topP);
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, not " + maxTokens);
    }
    if (toolChoice != null && toolChoice.isBlank()) {
      throw new IllegalArgumentException("toolChoice must not be blank");
    }
    if (reasoningEffort != null && reasoningEffort.isBlank()) {
      throw new IllegalArgumentException("reasoningEffort must not be blank");
    }
    stop = stop == null ? List.of() : List.copyOf(stop);
    extraBody = extraBody == null ? Map.of() : copy(extraBody, "extraBody");
    extraHeaders = extraHeaders == null ? Map.of() : copy(extraHeaders, "extraHeaders");
  }

  private static <V> Map<String, V> copy(Map<String, V> map, String what) {
    Map<String, V> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(Objects.requireNonNull(k, what + " key"),
        Objects.requireNonNull(v, what + " value of " + k)));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder(NONE);
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether no field is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * These settings layered over others: each field set here wins, each unset one comes from {@code
   * base}; extra body fields and headers merge by key, these winning.
   *
   * @param base the lower level, e.g. the run's settings under an agent's
   * @return the merged settings
   */
  public ModelSettings over(ModelSettings base) {
    if (base == null || base.isEmpty()) {
      return this;
    }
    Map<String, Object> body = new LinkedHashMap<>(base.extraBody);
    body.putAll(extraBody);
    Map<String, String> headers = new LinkedHashMap<>(base.extraHeaders);
    headers.putAll(extraHeaders);
    return new ModelSettings(
        temperature != null ? temperature : base.temperature,
        topP != null ? topP : base.topP,
        maxTokens != null ? maxTokens : base.maxTokens,
        toolChoice != null ? toolChoice : base.toolChoice,
        parallelToolCalls != null ? parallelToolCalls : base.parallelToolCalls,
        !stop.isEmpty() ? stop : base.stop,
        seed != null ? seed : base.seed,
        reasoningEffort != null ? reasoningEffort : base.reasoningEffort,
        body,
        headers);
  }

  /** Header values are secrets: only their names are shown. */
  @Override
  public String toString() {
    return "ModelSettings[temperature=" + temperature + ", topP=" + topP + ", maxTokens=" + maxTokens
        + ", toolChoice=" + toolChoice + ", parallelToolCalls=" + parallelToolCalls + ", stop=" + stop
        + ", seed=" + seed + ", reasoningEffort=" + reasoningEffort
        + ", extraBody=" + extraBody.keySet() + ", extraHeaders=" + extraHeaders.keySet() + "]";
  }

  /** Builds {@link ModelSettings}. Not thread-safe. */
  public static final class Builder {
    private Double temperature;
    private Double topP;
    private Integer maxTokens;
    private String toolChoice;
    private Boolean parallelToolCalls;
    private List<String> stop;
    private Long seed;
    private String reasoningEffort;
    private final Map<String, Object> extraBody = new LinkedHashMap<>();
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    private Builder(ModelSettings s) {
      temperature = s.temperature;
      topP = s.topP;
      maxTokens = s.maxTokens;
      toolChoice = s.toolChoice;
      parallelToolCalls = s.parallelToolCalls;
      stop = s.stop;
      seed = s.seed;
      reasoningEffort = s.reasoningEffort;
      extraBody.putAll(s.extraBody);
      extraHeaders.putAll(s.extraHeaders);
    }

    /**
     * Sets the sampling temperature ({@code temperature}).
     *
     * @param value at least 0, or null to unset
     * @return this
     */
    public Builder temperature(Double value) {
      this.temperature = value;
      return this;
    }

    /**
     * Sets the nucleus sampling mass ({@code top_p}).
     *
     * @param value between 0 and 1, or null to unset
     * @return this
     */
    public Builder topP(Double value) {
      this.topP = value;
      return this;
    }

    /**
     * Sets the most tokens an answer may have ({@code max_tokens} or {@code
     * max_completion_tokens}). An answer that reaches it fails with finish reason {@code length}.
     *
     * @param value at least 1, or null to unset
     * @return this
     */
    public Builder maxTokens(Integer value) {
      this.maxTokens = value;
      return this;
    }

    /**
     * Sets which tool the model must call ({@code tool_choice}): {@code auto}, {@code none}, {@code
     * required}, or the name of one function.
     *
     * @param value the choice, or null to unset
     * @return this
     */
    public Builder toolChoice(String value) {
      this.toolChoice = value;
      return this;
    }

    /**
     * Sets whether the model may call several tools in one turn ({@code parallel_tool_calls}).
     *
     * @param value the flag, or null to unset (not sent)
     * @return this
     */
    public Builder parallelToolCalls(Boolean value) {
      this.parallelToolCalls = value;
      return this;
    }

    /**
     * Sets the stop sequences ({@code stop}).
     *
     * @param values the sequences; none to unset
     * @return this
     */
    public Builder stop(String... values) {
      this.stop = List.of(values);
      return this;
    }

    /**
     * Sets the sampling seed ({@code seed}).
     *
     * @param value the seed, or null to unset
     * @return this
     */
    public Builder seed(Long value) {
      this.seed = value;
      return this;
    }

    /**
     * Sets the reasoning effort ({@code reasoning_effort}), e.g. {@code low}.
     *
     * @param value the effort, or null to unset
     * @return this
     */
    public Builder reasoningEffort(String value) {
      this.reasoningEffort = value;
      return this;
    }

    /**
     * Adds a provider-specific top-level body field, e.g. {@code ("top_k", 40)} for vLLM.
     *
     * @param name the field name
     * @param value a value Jackson can write
     * @return this
     */
    public Builder extraBody(String name, Object value) {
      extraBody.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds a request header. Its value is treated as a secret.
     *
     * @param name the header name
     * @param value the header value
     * @return this
     */
    public Builder extraHeader(String name, String value) {
      extraHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public ModelSettings build() {
      return new ModelSettings(temperature, topP, maxTokens, toolChoice, parallelToolCalls, stop,
          seed, reasoningEffort, extraBody, extraHeaders);
    }
  }
}
