package dev.baton.runtime;

import dev.baton.runtime.model.ModelSettings;
import dev.baton.runtime.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final Session session;
  private final Duration cancelGrace;
  private final Duration listenerGrace;
  private final int maxCallDepth;
  private final long maxAnswerChars;
  private final long maxRetainedTextChars;

  private final ModelSettings modelSettings;
  private final Map<String, ModelSettings> agentModelSettings;

  private RunOptions(Builder b) {
    this.modelSettings = b.modelSettings;
    this.agentModelSettings = Map.copyOf(b.agentModelSettings);
    this.cancelGrace = b.cancelGrace;
    this.listenerGrace = b.listenerGrace;
    this.maxCallDepth = b.maxCallDepth;
    this.maxAnswerChars = b.maxAnswerChars;
    this.maxRetainedTextChars = b.maxRetainedTextChars;
    this.context = List.copyOf(b.context);
    this.deadline = b.deadline;
    this.listener = b.listener;
    this.maxModelCalls = b.maxModelCalls;
    this.journalStore = b.journalStore;
    this.session = b.session;
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
    b.modelSettings = modelSettings;
    b.agentModelSettings.putAll(agentModelSettings);
    b.session = session;
    b.cancelGrace = cancelGrace;
    b.listenerGrace = listenerGrace;
    b.maxCallDepth = maxCallDepth;
    b.maxAnswerChars = maxAnswerChars;
    b.maxRetainedTextChars = maxRetainedTextChars;
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

  /**
   * The most characters one model answer may hold (default 10,000,000). See {@link
   * Builder#maxAnswerChars(long)}.
   */
  public long maxAnswerChars() {
    return maxAnswerChars;
  }

  /**
   * How many characters of text deltas the run keeps for late {@link Run#events()} subscribers
   * (default 1,000,000). See {@link Builder#maxRetainedTextChars(long)}.
   */
  public long maxRetainedTextChars() {
    return maxRetainedTextChars;
  }

  /** How deep agent calls may nest (default 256). See {@link Builder#maxCallDepth(int)}. */
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

  /** The model settings of every model call of the run; {@link ModelSettings#NONE} by default. */
  public ModelSettings modelSettings() {
    return modelSettings;
  }

  /** Per-agent model settings, by agent name; each layers over {@link #modelSettings()}. */
  public Map<String, ModelSettings> agentModelSettings() {
    return agentModelSettings;
  }

  /**
   * The settings for one agent's model calls: its own over the run's. The model client layers
   * these over its own defaults.
   *
   * @param agent the agent's name
   * @return the layered settings
   */
  public ModelSettings modelSettingsFor(String agent) {
    ModelSettings own = agentModelSettings.get(agent);
    return own == null ? modelSettings : own.over(modelSettings);
  }

  /** The session runs continue and extend; empty: every run starts a fresh conversation. */
  public Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  @Override
  public String toString() {
    return "RunOptions[context=" + context.stream().map(o -> o.getClass().getSimpleName()).toList()
        + ", deadline=" + deadline + ", maxModelCalls=" + maxModelCalls
        + (journalStore == null ? "" : ", journalStore=" + journalStore)
        + (modelSettings.isEmpty() ? "" : ", modelSettings=" + modelSettings)
        + (agentModelSettings.isEmpty() ? "" : ", agentModelSettings=" + agentModelSettings)
        + (session == null ? "" : ", session=" + session) + "]";
  }

  /** Builds {@link RunOptions}. */
  public static final class Builder {
    private final List<Object> context = new ArrayList<>();
    private Duration deadline;
    private RunListener listener = RunListener.NONE;
    private int maxModelCalls = 200;
    private JournalStore journalStore;
    private ModelSettings modelSettings = ModelSettings.NONE;
    private final Map<String, ModelSettings> agentModelSettings = new LinkedHashMap<>();
    private Session session;
    private Duration cancelGrace = Duration.ofSeconds(1);
    private Duration listenerGrace = Duration.ofSeconds(1);
    private int maxCallDepth = 256;
    private long maxAnswerChars = 10_000_000;
    private long maxRetainedTextChars = 1_000_000;

    private Builder() {}

    /**
     * Bounds one model answer (default 10,000,000 characters), whatever the model: its text
     * deltas are counted as they stream in, and the whole answer ({@link
     * dev.baton.runtime.model.ModelResponse#answerChars()}: text, refusal, tool-call arguments and
     * provider fields) again when it is complete. An answer that grows beyond it is abandoned and
     * the invocation fails with {@link AnswerTooLargeException}, so an answer that never ends
     * cannot exhaust the heap. A model client may bound answers too ({@code
     * OpenAiModel.Builder.maxAnswerChars}, default 4,000,000, checked on the wire before the run
     * sees anything); whichever bound is smaller trips first, with the same exception naming its
     * setting.
     *
     * @param value at least 1
     * @return this
     */
    public Builder maxAnswerChars(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxAnswerChars must be at least 1, not " + value);
      }
      this.maxAnswerChars = value;
      return this;
    }

    /**
     * Sets the model settings of every model call of the run (temperature, token limit, ...).
     * They win over the model client's defaults and lose to an agent's own settings.
     *
     * @param value the settings; {@link ModelSettings#NONE} for none
     * @return this
     */
    public Builder modelSettings(ModelSettings value) {
      this.modelSettings = Objects.requireNonNull(value, "modelSettings");
      return this;
    }

    /**
     * Bounds the text the run keeps for {@link Run#events()} streams opened late (default
     * 1,000,000 characters). Every event other than {@link RunEvent.TextDelta} is kept for the
     * run's life; text deltas are kept while their text totals at most this, and the oldest are
     * dropped beyond it. A stream that reaches a dropped delta skips it (the next event has a
     * higher {@link RunEvent#sequence()}, which shows the gap); listeners and streams that keep up
     * see every delta. Whole answers stay in the invocation's output and in the journal.
     *
     * @param value zero or more
     * @return this
     */
    public Builder maxRetainedTextChars(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("maxRetainedTextChars must not be negative, not " + value);
      }
      this.maxRetainedTextChars = value;
      return this;
    }

    /**
     * Sets one agent's model settings, layered over {@link #modelSettings(ModelSettings)}: a field
     * set here wins for that agent's model calls.
     *
     * @param agent the agent's name, as in {@code @Agent} or the graph builder
     * @param value the settings
     * @return this
     */
    public Builder agentModelSettings(String agent, ModelSettings value) {
      agentModelSettings.put(Objects.requireNonNull(agent, "agent"),
          Objects.requireNonNull(value, "modelSettings"));
      return this;
    }

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
     * Bounds how deeply agent calls nest at run time (default 256): handoffs, back-handoffs,
     * delegates, branches and calls from code agents each add a level. A call that would go deeper
     * fails with {@link CallDepthExceededException} naming the path, instead of exhausting the
     * stack. The default is above the default {@link #maxModelCalls(int)}, so a ring of one-way
     * handoffs (legal, and bounded by model calls) ends by that limit first; raise both together.
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

    /**
     * Sets the session every run continues: the entry agent sees the session's messages before
     * its input, and a run that succeeds appends what its entry branch's conversation gained (see
     * {@link Session}). Runs on one session should go one after another; a run that finds the
     * session written by another since it started fails with {@link
     * dev.baton.runtime.session.SessionConflictException}. Pass the same session when resuming a
     * run, so the resumed run stores its turn.
     *
     * @param value the session, e.g. {@code SessionStore.inMemory().session("customer-42")}; null
     *     for none
     * @return this
     */
    public Builder session(Session value) {
      this.session = value;
      return this;
    }

    /** The options. */
    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
