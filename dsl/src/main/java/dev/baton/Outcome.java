package dev.baton;

import java.time.Duration;
import java.util.Objects;

/**
 * How one branch of a {@link Parallel} fan-out ended.
 *
 * <pre>{@code
 * for (Outcome<String> o : results) {
 *   switch (o) {
 *     case Outcome.Success<String> s -> use(s.agent(), s.value());
 *     case Outcome.Failed<String> f -> log(f.agent(), f.error());
 *     case Outcome.TimedOut<String> t -> log(t.agent() + " did not finish in " + t.after());
 *   }
 * }
 * }</pre>
 *
 * @param <T> the type of a successful branch's output
 */
public sealed interface Outcome<T> {
  /** The name of the branch's agent. */
  String agent();

  /** Whether the branch produced an output. */
  default boolean isSuccess() {
    return this instanceof Success;
  }

  /**
   * The branch produced {@code value} after running for {@code took}.
   *
   * @param agent the branch's agent
   * @param value its output
   * @param took how long it ran
   * @param <T> the output type
   */
  record Success<T>(String agent, T value, Duration took) implements Outcome<T> {
    /** Checks the components. */
    public Success {
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(took, "took");
    }

    @Override
    public String toString() {
      return agent + " succeeded in " + Durations.format(took) + ": " + value;
    }
  }

  /**
   * The branch threw {@code error} after running for {@code took}.
   *
   * @param agent the branch's agent
   * @param error what it threw
   * @param took how long it ran
   * @param <T> the output type the branch would have had
   */
  record Failed<T>(String agent, Throwable error, Duration took) implements Outcome<T> {
    /** Checks the components. */
    public Failed {
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(took, "took");
    }

    @Override
    public String toString() {
      return agent + " failed after " + Durations.format(took) + ": " + error;
    }
  }

  /**
   * The branch had not finished when the fan-out's timeout fired, {@code after} from the fork, and
   * was interrupted.
   *
   * @param agent the branch's agent
   * @param after the timeout that expired
   * @param <T> the output type the branch would have had
   */
  record TimedOut<T>(String agent, Duration after) implements Outcome<T> {
    /** Checks the components. */
    public TimedOut {
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(after, "after");
    }

    @Override
    public String toString() {
      return agent + " timed out after " + Durations.format(after);
    }
  }
}
