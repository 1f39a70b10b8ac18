package dev.baton.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.openai.OpenAiModel;
import dev.baton.spring.desk.Desk;
import dev.baton.spring.desk.OrderRepository;
import dev.baton.spring.desk.OrderTools;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition of the auto-configuration: present, absent, overridden, invalid. */
class BatonAutoConfigurationTest {
  private final ApplicationContextRunner contexts = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BatonAutoConfiguration.class));

  private static ScriptedModel answering(String text) {
    return ScriptedModel.builder().agent("answer", s -> s.respond(r -> ModelResponse.text(text))).build();
  }

  @Configuration(proxyBeanMethods = false)
  static class UserModel {
    @Bean
    Model model() {
      return answering("from the application's model");
    }
  }

  @Test
  void withoutModelSettingsThereIsNoClientAndTheRunnerSaysHowToConfigureOne() {
    contexts.run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("dev.baton.spring.desk.Desk needs a model")
          .hasMessageContaining("baton.openai.base-url");
    });
  }

  @Test
  void baseUrlCreatesTheClientAndTheRunnerBean() {
    contexts.withPropertyValues("baton.openai.base-url=http://127.0.0.1:9/v1", "baton.openai.model=m-1",
            "baton.openai.attempt-timeout=5s", "baton.openai.max-attempts=2", "baton.openai.streaming=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          OpenAiModel model = context.getBean(OpenAiModel.class);
          assertThat(model.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
          assertThat(model.model()).isEqualTo("m-1");
          assertThat(model.attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
          assertThat(model.retryPolicy().maxAttempts()).isEqualTo(2);
          assertThat(model.streaming()).isFalse();
          assertThat(context).hasSingleBean(Desk.class);
        });
  }

  @Test
  void anApplicationModelWinsOverTheProperties() {
    contexts.withUserConfiguration(UserModel.class)
        .withPropertyValues("baton.openai.base-url=http://127.0.0.1:9/v1")
        .run(context -> {
          assertThat(context).doesNotHaveBean(OpenAiModel.class);
          assertThat(context.getBean(Desk.class).answer("hi")).isEqualTo("from the application's model");
        });
  }

  @Test
  void runnersCanBeSwitchedOffOrExcluded() {
    contexts.withUserConfiguration(UserModel.class).withPropertyValues("baton.runners.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Desk.class));
    contexts.withUserConfiguration(UserModel.class)
        .withPropertyValues("baton.runners.exclude=dev.baton.spring.desk.Desk")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Desk.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnDesk {
    @Bean
    Desk myDesk() {
      return question -> "hand-written desk";
    }
  }

  @Test
  void anApplicationBeanOfTheInterfaceWins() {
    contexts.withUserConfiguration(UserModel.class, OwnDesk.class).run(context -> {
      assertThat(context).hasSingleBean(Desk.class);
      assertThat(context.getBean(Desk.class).answer("hi")).isEqualTo("hand-written desk");
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class ToolBeans {
    @Bean
    OrderRepository orders() {
      return id -> "shipped";
    }

    @Bean
    OrderTools orderTools(OrderRepository orders) {
      return new OrderTools(orders);
    }

    @Bean
    Model model() {
      return ScriptedModel.builder().agent("answer", s -> s
          .call("lookupOrder", "{\"orderId\":\"A-17\"}")
          .respond(r -> ModelResponse.text(r.messages().get(r.messages().size() - 1).toString())))
          .build();
    }
  }

  @Test
  void aToolBeanIsTheToolInstanceWithItsInjectedDependencies() {
    contexts.withUserConfiguration(ToolBeans.class).run(context ->
        assertThat(context.getBean(Desk.class).answer("where is A-17?")).contains("A-17: shipped"));
  }

  @Test
  void withoutAToolBeanTheRunnerCreatesTheTool() {
    contexts.withUserConfiguration(ToolBeans.class)
        .withBean("orderTools", OrderTools.class, () -> null)
        .run(context -> assertThat(context).hasFailed());
    contexts.withBean(Model.class, () -> ScriptedModel.builder().agent("answer", s -> s
            .call("lookupOrder", "{\"orderId\":\"A-17\"}")
            .respond(r -> ModelResponse.text(r.messages().get(r.messages().size() - 1).toString())))
            .build())
        .run(context -> assertThat(context.getBean(Desk.class).answer("where is A-17?"))
            .contains("A-17: unknown (no repository)"));
  }

  @Test
  void customizersSeeEveryRunnerBuilder() {
    AtomicReference<Class<?>> seen = new AtomicReference<>();
    contexts.withUserConfiguration(UserModel.class)
        .withBean(BatonRunnerCustomizer.class, () -> (system, builder) -> {
          seen.set(system);
          builder.model(answering("customized"));
        })
        .run(context -> {
          assertThat(context.getBean(Desk.class).answer("hi")).isEqualTo("customized");
          assertThat(seen.get()).isEqualTo(Desk.class);
        });
  }

  @Test
  void runOptionsComeFromProperties() {
    contexts.withUserConfiguration(UserModel.class)
        .withPropertyValues("baton.run.deadline=90s", "baton.run.max-model-calls=7")
        .run(context -> {
          RunOptions options = context.getBean(RunOptions.class);
          assertThat(options.deadline()).contains(Duration.ofSeconds(90));
          assertThat(options.maxModelCalls()).isEqualTo(7);
        });
  }

  @Test
  void invalidPropertiesFailStartupSayingWhich() {
    contexts.withUserConfiguration(UserModel.class).withPropertyValues("baton.run.max-model-calls=0")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause()
              .hasMessageContaining("baton.run.max-model-calls must be at least 1, not 0");
        });
    contexts.withPropertyValues("baton.openai.base-url=ftp://example")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("http");
        });
    contexts.withUserConfiguration(UserModel.class).withPropertyValues("baton.run.deadline=soon")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).hasStackTraceContaining("baton.run.deadline")
              .hasStackTraceContaining("'soon' is not a valid duration");
        });
  }

  @Test
  void propertiesNeverShowTheKey() {
    BatonProperties p = new BatonProperties();
    p.getOpenai().setApiKey("sk-canary-0123456789");
    p.getOpenai().getHeaders().put("api-key", "sk-canary-header");
    assertThat(p.toString()).doesNotContain("sk-canary").contains("apiKey=(set)").contains("api-key");
  }
}
