package dev.baton.spring;

import dev.baton.runtime.openai.OpenAiModel;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * A health indicator for the model endpoint ({@code batonModel}), when the application has Boot's
 * health support and the starter created the OpenAI-compatible client. Switch it off with {@code
 * baton.openai.health.enabled=false}.
 */
@AutoConfiguration(after = BatonAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
public class BatonHealthAutoConfiguration {
  /** Creates the auto-configuration; Spring Boot does this. */
  public BatonHealthAutoConfiguration() {}

  /**
   * The indicator.
   *
   * @param properties the bound properties (base URL, key, headers)
   * @return the indicator; it lists models and spends no tokens
   */
  @Bean(name = "batonModelHealthIndicator", destroyMethod = "close")
  @ConditionalOnBean(OpenAiModel.class)
  @ConditionalOnMissingBean(name = "batonModelHealthIndicator")
  @ConditionalOnBooleanProperty(name = "baton.openai.health.enabled", matchIfMissing = true)
  public BatonModelHealthIndicator batonModelHealthIndicator(BatonProperties properties) {
    BatonProperties.OpenAi p = properties.getOpenai();
    String baseUrl = p.getBaseUrl() != null ? p.getBaseUrl() : OpenAiModel.DEFAULT_BASE_URL;
    return new BatonModelHealthIndicator(baseUrl, p.getApiKey(), p.getHeaders(), Duration.ofSeconds(10));
  }
}
