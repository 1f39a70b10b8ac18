package dev.baton.spring;

import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Keeps Baton's secrets out of the actuator's endpoints, when the application has the actuator.
 */
@AutoConfiguration(after = BatonAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public class BatonActuatorAutoConfiguration {
  /** Creates the auto-configuration; Spring Boot does this. */
  public BatonActuatorAutoConfiguration() {}

  /**
   * Masks the API key and header values.
   *
   * @param properties the bound properties, whose secret values are also masked by value
   * @return the function the actuator applies to every value it shows
   */
  @Bean
  public SanitizingFunction batonSecretsSanitizingFunction(BatonProperties properties) {
    Set<String> secrets = new HashSet<>();
    if (properties.getOpenai().getApiKey() != null && !properties.getOpenai().getApiKey().isEmpty()) {
      secrets.add(properties.getOpenai().getApiKey());
    }
    properties.getOpenai().getHeaders().values().stream().filter(v -> v != null && !v.isEmpty())
        .forEach(secrets::add);
    return new BatonSecretsSanitizingFunction(secrets);
  }
}
