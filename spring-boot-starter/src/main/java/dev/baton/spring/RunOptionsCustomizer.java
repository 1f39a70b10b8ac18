package dev.baton.spring;

import dev.baton.runtime.RunOptions;

/**
 * Adjusts the run options the starter builds from {@code baton.run.*} (the telemetry
 * auto-configuration installs its listener this way). Applied in {@link
 * org.springframework.core.annotation.Order} order; not used when the application defines its own
 * {@link RunOptions} bean.
 */
@FunctionalInterface
public interface RunOptionsCustomizer {
  /**
   * Returns the options to use instead of {@code options}.
   *
   * @param options the options so far
   * @return the adjusted options
   */
  RunOptions customize(RunOptions options);
}
