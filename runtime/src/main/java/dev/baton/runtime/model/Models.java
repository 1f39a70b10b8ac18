package dev.baton.runtime.model;

import dev.baton.runtime.openai.OpenAiModel;
import java.util.Map;
import java.util.Objects;

/**
 * Models configured from the environment, so that one program runs against OpenAI, a local
 * OpenAI-compatible server, or offline, without code changes.
 *
 * <ul>
 *   <li>{@code OPENAI_API_KEY}: the API key; optional when {@code OPENAI_BASE_URL} is set, since
 *       local servers such as Ollama need none.
 *   <li>{@code OPENAI_BASE_URL}: the server, e.g. {@code http://localhost:11434/v1}; default
 *       {@value OpenAiModel#DEFAULT_BASE_URL}.
 *   <li>{@code BATON_MODEL}: the model name; default {@value OpenAiModel#DEFAULT_MODEL}.
 * </ul>
 *
 * Blank values count as unset.
 */
public final class Models {
  /** The variable holding the API key. */
  public static final String API_KEY = "OPENAI_API_KEY";

  /** The variable holding the server's base URL. */
  public static final String BASE_URL = "OPENAI_BASE_URL";

  /** The variable holding the model name. */
  public static final String MODEL = "BATON_MODEL";

  private Models() {}

  /**
   * The model the process environment describes.
   *
   * @return an {@link OpenAiModel} for the configured server
   * @throws IllegalStateException if neither {@code OPENAI_API_KEY} nor {@code OPENAI_BASE_URL}
   *     is set
   * @throws IllegalArgumentException if {@code OPENAI_BASE_URL} is not an http or https URL
   */
  public static OpenAiModel fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * The model the given environment describes.
   *
   * @param env variable names to values, e.g. {@link System#getenv()}
   * @return an {@link OpenAiModel} for the configured server
   * @throws IllegalStateException if neither {@code OPENAI_API_KEY} nor {@code OPENAI_BASE_URL}
   *     is set
   * @throws IllegalArgumentException if {@code OPENAI_BASE_URL} is not an http or https URL
   */
  public static OpenAiModel fromEnv(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String apiKey = value(env, API_KEY);
    String baseUrl = value(env, BASE_URL);
    if (apiKey == null && baseUrl == null) {
      throw new IllegalStateException("No model is configured: set " + API_KEY
          + " to use OpenAI, or " + BASE_URL + " (e.g. http://localhost:11434/v1 for Ollama) to"
          + " use an OpenAI-compatible server, and optionally " + MODEL + " (default "
          + OpenAiModel.DEFAULT_MODEL + ")");
    }
    OpenAiModel.Builder builder = OpenAiModel.builder().apiKey(apiKey);
    if (baseUrl != null) {
      builder.baseUrl(baseUrl);
    }
    String model = value(env, MODEL);
    if (model != null) {
      builder.model(model);
    }
    return builder.build();
  }

  /**
   * The model the process environment describes, or the fallback if it describes none: programs
   * run offline (e.g. on a scripted model) until a server is configured.
   *
   * @param fallback the model to use when neither {@code OPENAI_API_KEY} nor {@code
   *     OPENAI_BASE_URL} is set
   * @return the configured model or the fallback
   */
  public static Model fromEnvOr(Model fallback) {
    return fromEnvOr(System.getenv(), fallback);
  }

  /**
   * The model the given environment describes, or the fallback if it describes none.
   *
   * @param env variable names to values
   * @param fallback the model to use when neither {@code OPENAI_API_KEY} nor {@code
   *     OPENAI_BASE_URL} is set
   * @return the configured model or the fallback
   */
  public static Model fromEnvOr(Map<String, String> env, Model fallback) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(fallback, "fallback");
    if (value(env, API_KEY) == null && value(env, BASE_URL) == null) {
      return fallback;
    }
    return fromEnv(env);
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
