package dev.baton.spring;

import dev.baton.opentelemetry.BatonTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Traces every run with {@code baton-opentelemetry} when it is on the class path and the
 * application has an {@link OpenTelemetry} bean (Spring Boot's OpenTelemetry support provides
 * one): spans and metrics per the GenAI semantic conventions. Prompt and answer content is not
 * recorded. {@code baton.opentelemetry.enabled=false} switches it off.
 */
@AutoConfiguration(before = BatonAutoConfiguration.class,
    afterName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({BatonTelemetry.class, OpenTelemetry.class})
@ConditionalOnBooleanProperty(name = "baton.opentelemetry.enabled", matchIfMissing = true)
public class BatonTelemetryAutoConfiguration {
  /** Creates the auto-configuration; Spring Boot does this. */
  public BatonTelemetryAutoConfiguration() {}

  /**
   * The telemetry.
   *
   * @param openTelemetry the application's OpenTelemetry
   * @return the telemetry
   */
  @Bean
  @ConditionalOnBean(OpenTelemetry.class)
  @ConditionalOnMissingBean(BatonTelemetry.class)
  public BatonTelemetry batonTelemetry(OpenTelemetry openTelemetry) {
    return BatonTelemetry.create(openTelemetry);
  }

  /**
   * Installs the telemetry's listener in the starter's run options.
   *
   * @param telemetry the telemetry
   * @return the customizer
   */
  @Bean
  @ConditionalOnBean(BatonTelemetry.class)
  public RunOptionsCustomizer batonTelemetryRunOptions(BatonTelemetry telemetry) {
    return telemetry::install;
  }
}
