package dev.baton.examples;

import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ScriptedModel;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Function;

/**
 * One example of the showcase.
 *
 * @param name the name it is run by, e.g. {@code support}
 * @param shows what it shows, in a line
 * @param runner runs it, printing the timeline, and returns the result as text
 */
public record Example(String name, String shows, Runner runner) {
  /** Runs an example. */
  @FunctionalInterface
  public interface Runner {
    /**
     * Runs the example.
     *
     * @param models picks the model from the example's script: the script itself offline, or
     *     {@code Models::fromEnvOr}
     * @param out where the timeline goes
     * @return the result, as text
     */
    String run(Function<ScriptedModel, Model> models, PrintStream out);
  }

  /** Checks the components. */
  public Example {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shows, "shows");
    Objects.requireNonNull(runner, "runner");
  }
}
