package dev.baton.runtime;

import dev.baton.runtime.internal.Frame;
import java.util.Optional;

/**
 * What a tool or a code agent knows about the run it is part of. Obtain it with {@link #current()}
 * from the thread the runtime called you on.
 */
public interface RunContext {
  /**
   * The context of the run calling this thread.
   *
   * @return the context
   * @throws IllegalStateException if no run is calling this thread
   */
  static RunContext current() {
    Frame frame = Frame.current();
    if (frame == null) {
      throw new IllegalStateException("RunContext.current() is only available inside a run: in a"
          + " @Tool method or in the body of a code agent");
    }
    return frame;
  }

  /** The run's id. */
  String runId();

  /** The agent path of the current invocation, e.g. {@code frontDesk>billing}. */
  String path();

  /**
   * A context object of the run, by type.
   *
   * @param type the type (a context object of this type or a subtype is returned)
   * @param <T> the type
   * @return the object
   * @throws RunSetupException naming the type, if the run has none; the whole run then fails, since
   *     a missing context object is a wiring mistake, not something a model can work around
   */
  <T> T get(Class<T> type);

  /**
   * A context object of the run, by type, if present.
   *
   * @param type the type
   * @param <T> the type
   * @return the object, or empty
   */
  <T> Optional<T> find(Class<T> type);
}
