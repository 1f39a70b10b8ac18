package dev.baton.examples;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Function;

/**
 * One example of the showcase.
 *
 * @param name the name it is run by, e.g. {@code support}
 * @param shows what it shows, in a line
 * @param offline runs it on its scripted model, printing the timeline, and returns the result as
 *     text
 */
public record Example(String name, String shows, Function<PrintStream, String> offline) {
  /** Checks the components. */
  public Example {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shows, "shows");
    Objects.requireNonNull(offline, "offline");
  }
}
