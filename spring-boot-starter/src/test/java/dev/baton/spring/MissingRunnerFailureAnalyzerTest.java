package dev.baton.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spring.desk.Desk;
import dev.baton.spring.desk.OrderRepository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A start-up that lacks an agent-system bean names the cause (no processor run, or the runner opted
 * out) instead of only "required a bean ... that could not be found".
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingRunnerFailureAnalyzerTest {
  private final ApplicationContextRunner contexts = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BatonAutoConfiguration.class))
      .withUserConfiguration(BatonAutoConfigurationTest.UserModel.class);

  @Configuration(proxyBeanMethods = false)
  static class NeedsDesk {
    @Bean
    String greeting(Desk desk) {
      return desk.answer("hi");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class NeedsRepository {
    @Bean
    String greeting(OrderRepository repository) {
      return repository.toString();
    }
  }

  @Test
  void aMissingAgentSystemBeanIsExplained() {
    contexts.withUserConfiguration(NeedsDesk.class).withPropertyValues("baton.runners.enabled=false")
        .run(context -> {
          assertThat(context).hasFailed();
          FailureAnalysis analysis = new MissingRunnerFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis).isNotNull();
          assertThat(analysis.getDescription()).contains("dev.baton.spring.desk.Desk")
              .contains("DeskRunner").contains("META-INF/baton/dev.baton.spring.desk.Desk.runner");
          assertThat(analysis.getAction()).contains("baton-processor").contains("annotationProcessorPaths")
              .contains("baton.runners.enabled");
        });
  }

  @Test
  void otherMissingBeansAreLeftToSpringBoot() {
    contexts.withUserConfiguration(NeedsRepository.class).run(context -> {
      assertThat(context).hasFailed();
      assertThat(new MissingRunnerFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
    });
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(BatonAutoConfiguration.class)
  @Import({BatonAutoConfigurationTest.UserModel.class, NeedsDesk.class})
  static class App {}

  @Test
  void springBootReportsTheAnalysisAtStartUp(CapturedOutput output) {
    SpringApplication app = new SpringApplication(App.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    assertThatThrownBy(() -> app.run("--baton.runners.enabled=false")).isInstanceOf(RuntimeException.class);
    assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
        .contains("It is a Baton agent system").contains("annotationProcessorPaths");
  }
}
