package dev.baton.spring;

import dev.baton.runtime.RunnerBuilder;

/**
 * Customizes the builder of generated runners before the starter builds them: set tool instances,
 * other run options or another model for one agent system. Declare beans of this type; they are
 * applied in {@link org.springframework.core.annotation.Order} order, after the starter has set
 * the model, the run options and the tool beans.
 *
 * <pre>{@code
 * @Bean
 * BatonRunnerCustomizer supportDeadline() {
 *   return (system, builder) -> {
 *     if (system == Support.class) {
 *       builder.options(RunOptions.builder().deadline(Duration.ofSeconds(30)).build());
 *     }
 *   };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface BatonRunnerCustomizer {
  /**
   * Customizes one runner's builder.
   *
   * @param system the agent-system interface the runner implements
   * @param builder its builder
   */
  void customize(Class<?> system, RunnerBuilder<?> builder);
}
