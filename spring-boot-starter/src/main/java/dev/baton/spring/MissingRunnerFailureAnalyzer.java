package dev.baton.spring;

import dev.baton.Agent;
import java.util.Arrays;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a start-up that fails for want of an agent-system bean: the interface has {@code
 * @Agent} methods, so the starter would have registered its generated runner, unless the runner
 * was never generated (the project compiles without {@code baton-processor} in the compiler's
 * {@code annotationProcessorPaths}, which JDK 23+ requires, and javac then succeeds silently) or
 * {@code baton.runners.*} opted it out. Other missing beans are left to Spring Boot's own analysis.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class MissingRunnerFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> {
  /** Created by Spring Boot from {@code META-INF/spring.factories}. */
  MissingRunnerFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
    Class<?> type = cause.getResolvableType() == null ? null : cause.getResolvableType().resolve();
    if (type == null || !type.isInterface()
        || Arrays.stream(type.getMethods()).noneMatch(m -> m.isAnnotationPresent(Agent.class))) {
      return null;
    }
    String description = "No bean of type " + type.getName() + ". It is a Baton agent system, whose"
        + " generated runner (" + type.getSimpleName() + "Runner) the Baton starter registers as a"
        + " bean when the classpath has its index META-INF/baton/" + type.getName() + ".runner.";
    String action = "Add dev.baton:baton-processor to the compiler's annotationProcessorPaths (JDK 23+"
        + " runs only the processors listed there) and rebuild, so the runner and its index are"
        + " generated; and check that baton.runners.enabled is not false and baton.runners.exclude"
        + " does not name " + type.getName() + ".";
    return new FailureAnalysis(description, action, cause);
  }
}
