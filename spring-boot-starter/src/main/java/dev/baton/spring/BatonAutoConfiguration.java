package dev.baton.spring;

import dev.baton.runtime.JournalStore;
import dev.baton.runtime.RunOptions;
import org.springframework.beans.factory.ObjectProvider;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.openai.OpenAiModel;
import dev.baton.runtime.openai.RetryPolicy;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Baton in a Spring Boot application: the model client from {@code baton.openai.*}, run options
 * from {@code baton.run.*}, and every generated runner on the classpath as a bean of its
 * interface. Each bean backs off when the application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(BatonProperties.class)
public class BatonAutoConfiguration {
  /** Creates the auto-configuration; Spring Boot does this. */
  public BatonAutoConfiguration() {}

  /**
   * The OpenAI-compatible client, when {@code baton.openai.base-url} or {@code api-key} is set.
   *
   * @param properties the bound properties
   * @return the client; closed with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(Model.class)
  @ConditionalOnBooleanProperty(name = "baton.openai.enabled", matchIfMissing = true)
  @Conditional(OpenAiConfiguredCondition.class)
  public OpenAiModel batonOpenAiModel(BatonProperties properties) {
    BatonProperties.OpenAi p = properties.getOpenai();
    OpenAiModel.Builder b = OpenAiModel.builder();
    if (p.getBaseUrl() != null) {
      b.baseUrl(p.getBaseUrl());
    }
    if (p.getApiKey() != null && !p.getApiKey().isBlank()) {
      b.apiKey(p.getApiKey());
    }
    if (p.getModel() != null) {
      b.model(p.getModel());
    }
    if (p.getAttemptTimeout() != null) {
      b.attemptTimeout(p.getAttemptTimeout());
    }
    if (p.getMaxAttempts() != null) {
      b.retryPolicy(RetryPolicy.builder().maxAttempts(p.getMaxAttempts()).build());
    }
    if (p.getStreaming() != null) {
      b.streaming(p.getStreaming());
    }
    if (p.getMaxAnswerChars() != null) {
      b.maxAnswerChars(p.getMaxAnswerChars());
    }
    p.getHeaders().forEach(b::header);
    b.defaults(p.getSettings().toModelSettings());
    return b.build();
  }

  /**
   * The options of every run, from {@code baton.run.*}; customize further with a bean of your own.
   *
   * @param properties the bound properties
   * @return the options
   */
  @Bean
  @ConditionalOnMissingBean(RunOptions.class)
  public RunOptions batonRunOptions(BatonProperties properties, ObjectProvider<JournalStore> journalStore,
      ObjectProvider<RunOptionsCustomizer> customizers) {
    BatonProperties.Run p = properties.getRun();
    RunOptions.Builder b = RunOptions.builder();
    journalStore.ifUnique(b::journalStore);
    if (p.getDeadline() != null) {
      b.deadline(p.getDeadline());
    }
    if (p.getMaxModelCalls() != null) {
      b.maxModelCalls(p.getMaxModelCalls());
    }
    if (p.getMaxAnswerChars() != null) {
      b.maxAnswerChars(p.getMaxAnswerChars());
    }
    RunOptions options = b.build();
    for (RunOptionsCustomizer c : customizers.orderedStream().toList()) {
      options = c.customize(options);
    }
    return options;
  }

  /**
   * Registers every generated runner as a bean of its interface, unless {@code
   * baton.runners.enabled=false}.
   *
   * @param environment where {@code baton.runners.exclude} is read from (this runs before
   *     properties beans exist)
   * @return the registrar
   */
  @Bean
  @ConditionalOnBooleanProperty(name = "baton.runners.enabled", matchIfMissing = true)
  public static BatonRunnerRegistrar batonRunnerRegistrar(Environment environment) {
    var excluded = Binder.get(environment).bind("baton.runners.exclude",
        org.springframework.boot.context.properties.bind.Bindable.listOf(String.class))
        .orElse(java.util.List.of());
    return new BatonRunnerRegistrar(excluded, BatonAutoConfiguration.class.getClassLoader());
  }

}
