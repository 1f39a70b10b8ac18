package dev.baton.runtime.internal.exec;

import java.util.function.Supplier;

/**
 * Which {@link Exec} new runs use: {@link VirtualThreadExec} unless code on the current thread
 * chose another for the runs it starts ({@link #using}).
 */
public final class Execs {
  private static final ThreadLocal<Exec> CHOSEN = new ThreadLocal<>();

  private Execs() {}

  /** The exec for a run started now on this thread. */
  public static Exec forNewRun() {
    Exec e = CHOSEN.get();
    return e != null ? e : VirtualThreadExec.INSTANCE;
  }

  /**
   * Runs {@code action} with {@code exec} chosen for the runs it starts on this thread.
   *
   * @param exec the exec
   * @param action starts runs
   * @param <T> its result
   * @return its result
   */
  public static <T> T using(Exec exec, Supplier<T> action) {
    Exec previous = CHOSEN.get();
    CHOSEN.set(exec);
    try {
      return action.get();
    } finally {
      if (previous == null) {
        CHOSEN.remove();
      } else {
        CHOSEN.set(previous);
      }
    }
  }
}
