package dev.baton.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.openai.OpenAiModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code baton.*} property with a value the runtime refuses fails start-up, and the message
 * names the property and says what it must be; the answer-size limits bind and reach the run and
 * the client, and the configuration metadata describes them.
 */
class BatonPropertiesValidationTest {
  private final ApplicationContextRunner contexts = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BatonAutoConfiguration.class))
      .withPropertyValues("baton.runners.enabled=false");

  @Configuration(proxyBeanMethods = false)
  static class UserModel {
    @Bean
    Model model() {
      return ScriptedModel.builder().build();
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "baton.run.max-model-calls        | -1     | baton.run.max-model-calls must be at least 1, not -1",
      "baton.run.max-model-calls        | 0      | baton.run.max-model-calls must be at least 1, not 0",
      "baton.run.deadline               | -5s    | baton.run.deadline must be positive, not PT-5S",
      "baton.run.deadline               | 0s     | baton.run.deadline must be positive, not PT0S",
      "baton.run.max-answer-chars       | 0      | baton.run.max-answer-chars must be at least 1, not 0",
      "baton.openai.max-answer-chars    | -3     | baton.openai.max-answer-chars must be at least 1, not -3",
      "baton.openai.attempt-timeout     | -1s    | baton.openai.attempt-timeout must be positive: PT-1S",
      "baton.openai.max-attempts        | 0      | baton.openai.max-attempts must be at least 1: 0",
      "baton.openai.model               | \" \"  | baton.openai.model must not be blank",
      "baton.openai.base-url            | ftp://example | baton.openai.base-url must be an http or https URL",
      "baton.openai.settings.temperature | -0.5  | baton.openai.settings.temperature must be a finite number of at least 0, not -0.5",
      "baton.openai.settings.top-p      | 1.5    | baton.openai.settings.top-p must be between 0 and 1, not 1.5",
      "baton.openai.settings.max-tokens | 0      | baton.openai.settings.max-tokens must be at least 1, not 0",
      "baton.openai.settings.tool-choice | \" \" | baton.openai.settings.tool-choice must not be blank",
      "baton.openai.settings.reasoning-effort | \" \" | baton.openai.settings.reasoning-effort must not be blank",
      "baton.openai.headers[Xé]        | v      | baton.openai.headers.Xé must be a valid HTTP header",
  })
  void aBadValueFailsStartupNamingTheProperty(String property, String value, String message) {
    contexts.withUserConfiguration(UserModel.class)
        .withPropertyValues("baton.openai.base-url=http://127.0.0.1:9/v1", property + "=" + value)
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).hasStackTraceContaining(message);
        });
  }

  @Test
  void anExcludedInterfaceWithoutARunnerFailsStartupNamingTheRunnersFound() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BatonAutoConfiguration.class))
        .withUserConfiguration(UserModel.class)
        .withPropertyValues("baton.runners.exclude=dev.baton.spring.desk.Dsek")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).hasStackTraceContaining(
              "baton.runners.exclude names [dev.baton.spring.desk.Dsek], which is not an agent-system"
                  + " interface with a generated runner on the classpath; the runners found are for"
                  + " [dev.baton.spring.desk.Desk");
        });
  }

  @Test
  void aSecretHeaderValueIsNeverQuotedWhenItIsRefused() {
    contexts.withUserConfiguration(UserModel.class)
        .withPropertyValues("baton.openai.headers.api-key=sk-canary\u0000line")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure())
              .hasStackTraceContaining("baton.openai.headers.api-key must be a valid HTTP header");
          assertThat(stackTrace(context.getStartupFailure())).doesNotContain("sk-canary");
        });
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    BatonProperties p = new BatonProperties();
    p.getRun().setMaxModelCalls(0);
    p.getRun().setMaxAnswerChars(0L);
    p.getOpenai().getSettings().setTopP(2.0);
    assertThat(p.problems()).containsExactly(
        "baton.openai.settings.top-p must be between 0 and 1, not 2.0",
        "baton.run.max-model-calls must be at least 1, not 0",
        "baton.run.max-answer-chars must be at least 1, not 0");
    assertThat(new BatonProperties().problems()).isEmpty();
  }

  @Test
  void theAnswerSizeLimitsReachTheRunAndTheClient() {
    contexts.withPropertyValues("baton.openai.base-url=http://127.0.0.1:9/v1",
            "baton.openai.max-answer-chars=1000", "baton.run.max-answer-chars=2000")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(RunOptions.class).maxAnswerChars()).isEqualTo(2000);
          assertThat(context.getBean(OpenAiModel.class).toString()).contains("maxAnswerChars=1000");
        });
    contexts.withUserConfiguration(UserModel.class).run(context ->
        assertThat(context.getBean(RunOptions.class).maxAnswerChars())
            .isEqualTo(RunOptions.defaults().maxAnswerChars()));
  }

  @Test
  void theMetadataDescribesTheAnswerSizeLimits() throws IOException {
    String metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor's metadata").isNotNull();
      metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String name : List.of("baton.run.max-answer-chars", "baton.openai.max-answer-chars")) {
      assertThat(metadata).contains("\"name\": \"" + name + "\"");
    }
    assertThat(metadata).contains("The longest answer a run accepts from any model call")
        .contains("The longest answer the client reads");
    // The documented defaults are the ones the runtime applies.
    assertThat(metadata).containsPattern("\"name\": \"baton.run.max-answer-chars\"[^}]*\"defaultValue\": "
        + RunOptions.defaults().maxAnswerChars() + "\\b");
  }

  private static String stackTrace(Throwable t) {
    var out = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
