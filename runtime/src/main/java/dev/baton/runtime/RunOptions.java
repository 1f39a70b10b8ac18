package dev.baton.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-run settings: context objects for tools and code agents, a deadline, a listener, and a bound
 * on model calls. Immutable; derive variants with {@link #toBuilder()}.
 *
 * <pre>{@code
 * RunOptions options = RunOptions.builder()
 *     .context(new Findings())
 *     .deadline(Duration.ofMinutes(2))
 *     .listener(RunEvents.printer(System.out))
 *     .build();
 * }</pre>
 */
public final class RunOptions {
  private static final RunOptions DEFAULTS = builder().build();

  private final List<Object> context;
  private final Duration deadline;
  private final RunListener listener;
  private final int maxModelCalls;
  private final JournalStore journalStore;
  private final Duration cancelGrace;
  private final Duration listenerGrace;
  private final int maxCallDepth;

  private RunOptions(Builder b) {
    this.cancelGrace = b.cancelGrace;
    this.listenerGrace = b.listenerGrace;
    this.maxCallDepth = b.maxCallDepth;
    this.context = List.copyOf(b.context);
    this.deadline = b.deadline;
    this.listener = b.listener;
    this.maxModelCalls = b.maxModelCalls;
    this.journalStore = b.journalStore;
  }

  /** No context, no deadline, no listener, at most 200 model calls. */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.context.addAll(context);
    b.deadline = deadline;
    b.listener = listener;
    b.maxModelCalls = maxModelCalls;
    b.journalStore = journalStore;
    b.cancelGrace = cancelGrace;
    b.listenerGrace = listenerGrace;
    b.maxCallDepth = maxCallDepth;
    return b;
  }

  /**
   * How long cancelled work may take to stop before the run abandons it (default 1 s). See {@link
   * Builder#cancelGrace(Duration)}.
   */
  public Duration cancelGrace() {
    return cancelGrace;
  }

  /**
   * How long an ending run waits for its listener to take the last events (default 1 s). See
   * {@link Builder#listenerGrace(Duration)}.
   */
  public Duration listenerGrace() {
    return listenerGrace;
  }

  /** How deep agent calls may nest (default 64). See {@link Builder#maxCallDepth(int)}. */
  public int maxCallDepth() {
    return maxCallDepth;
  }

  /** The context objects, found by type with {@link RunContext#get(Class)}. */
  public List<Object> context() {
    return context;
  }

  /** The run's deadline from its start, if any. */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** The listener; {@link RunListener#NONE} by default. */
  public RunListener listener() {
    return listener;
  }

  /** The most model calls the whole run may make. */
  public int maxModelCalls() {
    return maxModelCalls;
  }

  /** The store runs write their journals to as they go; empty: the journal stays in the run. */
  public Optional<JournalStore> journalStore() {
    return Optional.ofNullable(journalStore);
  }

  @Override
  public String toString() {
    return "RunOptions[context=" + context.stream().map(o -> o.getClass().getSimpleName()).toList()
        + ", deadline=" + deadline + ", maxModelCalls=" + maxModelCalls
        + (journalStore == null ? "" : ", journalStore=" + journalStore) + "]";
  }

  /** Builds {@link RunOptions}. */
  public static final class Builder {
    private final List<Object> context = new ArrayList<>();
    private Duration deadline;
    private RunListener listener = RunListener.NONE;
    private int maxModelCalls = 200;
    private JournalStore journalStore;
    private Duration cancelGrace = Duration.ofSeconds(1);
    private Duration listenerGrace = Duration.ofSeconds(1);
    private int maxCallDepth = 64;

    private Builder() {}

    /**
     * Sets how long work that was cancelled (by {@link Run#cancel()}, the deadline, a fan-out's
     * timeout or a failing sibling) may take to stop before the run abandons it (default 1 s).
     * Cancelled work is interrupted at once; code that ignores the interrupt (a tool looping in a
     * {@code catch (InterruptedException e)}) is abandoned when the grace runs out: the run emits
     * {@link RunEvent.WorkAbandoned}, logs a warning naming the path and the tool, and ends or goes
     * on without it, so control returns to the caller on time. The abandoned thread keeps running
     * until its code returns (the JVM cannot stop it); whatever it returns is discarded, and side
     * effects it has yet to make still happen. Make such code honour interrupts.
     *
     * @param value zero or more
     * @return this
     */
    public Builder cancelGrace(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("cancelGrace must not be negative, not " + value);
      }
      this.cancelGrace = value;
      return this;
    }

    /**
     * Sets how long an ending run waits for its {@link RunListener} to take the remaining events
     * (default 1 s). A listener that is still busy then is interrupted and no longer called; the
     * run ends anyway, so a slow or stuck listener never keeps {@link Run#await()} or a blocking
     * call from returning for longer than this.
     *
     * @param value zero or more
     * @return this
     */
    public Builder listenerGrace(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("listenerGrace must not be negative, not " + value);
      }
      this.listenerGrace = value;
      return this;
    }

    /**
     * Bounds how deeply agent calls nest at run time (default 64): handoffs, back-handoffs,
     * delegates, branches and calls from code agents each add a level. A call that would go deeper
     * fails with {@link CallDepthExceededException} naming the path, instead of exhausting the
     * stack.
     *
     * @param value at least 1
     * @return this
     */
    public Builder maxCallDepth(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxCallDepth must be at least 1, not " + value);
      }
      this.maxCallDepth = value;
      return this;
    }

    /**
     * Adds context objects that tools ({@code @Context} parameters) and code agents ({@link
     * RunContext#get(Class)}) find by type. Objects are shared by every branch: make them
     * thread-safe.
     *
     * @param objects the objects
     * @return this
     */
    public Builder context(Object... objects) {
      for (Object o : objects) {
        context.add(Objects.requireNonNull(o, "context object"));
      }
      return this;
    }

    /**
     * Sets how long the whole run may take; when it passes, everything is cancelled and the run
     * fails with {@link RunTimeoutException}.
     *
     * @param value a positive duration
     * @return this
     */
    public Builder deadline(Duration value) {
      if (value != null && (value.isZero() || value.isNegative())) {
        throw new IllegalArgumentException("deadline must be positive, not " + value);
      }
      this.deadline = value;
      return this;
    }

    /**
     * Sets the listener that sees every event.
     *
     * @param value the listener
     * @return this
     */
    public Builder listener(RunListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Bounds the model calls of the whole run (default 200); one more fails the run with {@link
     * MaxTurnsExceededException}.
     *
     * @param value at least 1
     * @return this
     */
    public Builder maxModelCalls(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxModelCalls must be at least 1, not " + value);
      }
      this.maxModelCalls = value;
      return this;
    }

    /**
     * Sets the store every run writes its journal to, step by step as it happens, so that a run
     * can be rebuilt with {@link RunState#fromStore(JournalStore, String)} after its process dies.
     * Context objects are never written to it.
     *
     * @param value the store, e.g. {@link JournalStore#file(java.nio.file.Path)}; null for none
     * @return this
     */
    public Builder journalStore(JournalStore value) {
      this.journalStore = value;
      return this;
    }

    /** The options. */
    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
