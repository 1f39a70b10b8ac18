package dev.baton.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code baton.openai.base-url} or {@code baton.openai.api-key} has a value. */
final class OpenAiConfiguredCondition extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    var env = context.getEnvironment();
    if (hasText(env.getProperty("baton.openai.base-url"))) {
      return ConditionOutcome.match("baton.openai.base-url is set");
    }
    if (hasText(env.getProperty("baton.openai.api-key"))) {
      return ConditionOutcome.match("baton.openai.api-key is set");
    }
    return ConditionOutcome.noMatch("neither baton.openai.base-url nor baton.openai.api-key is set");
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }
}
