package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.graph.AgentSpec;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.RunSetupException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One agent invocation in a run (or the run's root, whose agent is null): its path, its branch
 * conversation, and the counters that number repeated children ({@code research#2}). Bound to the
 * threads working for the invocation, so that calls made there join the run and {@link
 * RunContext#current()} finds it.
 */
public final class Frame implements RunContext {
  private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();
  private static final VarHandle LOCK =
      VarHandles.field(MethodHandles.lookup(), Frame.class, "lock", ReentrantLock.class);

  final RunImpl<?> run;
  final String path;
  final AgentSpec agent;
  final Conversation conversation;
  /** What cancels this invocation: its branch, or the run. */
  final Scope scope;
  /** How many agent calls this invocation is nested in (the run's root: 0). */
  final int depth;
  // Made on first use: most invocations (an LLM agent without tools, a branch) start no children.
  private volatile ReentrantLock lock;
  /** Null, or the tool call whose children this view of the invocation numbers on its own. */
  private final String callScope;
  // Null; or the one base every child so far went to (their count is childCount); or, once two
  // bases were used, a map from base to count. Most invocations call one agent, once.
  private Object children;
  private int childCount;

  Frame(RunImpl<?> run, String path, AgentSpec agent, Conversation conversation, Scope scope,
      int depth) {
    this(run, path, agent, conversation, null, scope, depth);
  }

  private Frame(RunImpl<?> run, String path, AgentSpec agent, Conversation conversation,
      String callScope, Scope scope, int depth) {
    this.run = run;
    this.path = path;
    this.agent = agent;
    this.conversation = conversation;
    this.callScope = callScope;
    this.scope = scope;
    this.depth = depth;
  }

  /**
   * The same invocation seen from work settled on its own (a fan-out branch): invocations started
   * from it are cancelled with {@code inner}.
   */
  Frame inScope(Scope inner) {
    return new Frame(run, path, agent, conversation, callScope, inner, depth);
  }

  /**
   * The same invocation as seen by one of several concurrent tool calls: children it starts are
   * numbered apart from its siblings' ({@code agent/child@callId}), so paths do not depend on
   * which thread gets there first.
   */
  Frame scopedTo(String callId) {
    return new Frame(run, path, agent, conversation, callId, scope, depth);
  }

  /** The frame bound to the current thread, or null outside runs. */
  public static Frame current() {
    return CURRENT.get();
  }

  static Frame enter(Frame frame) {
    Frame previous = CURRENT.get();
    CURRENT.set(frame);
    return previous;
  }

  // Sets null rather than removing the entry: the next current() on this thread then finds the
  // entry instead of making it again, and a null value holds nothing.
  static void exit(Frame previous) {
    CURRENT.set(previous);
  }

  /**
   * The path of the next child invocation of {@code child} reached with {@code separator}: {@code
   * >} handoff, {@code /} branch or call, {@code +} delegate; repeats get {@code #2}, {@code #3}.
   */
  String childPath(String separator, String child) {
    String base = path.isEmpty() ? child : path + separator + child;
    if (callScope != null) {
      base = base + "@" + callScope;
    }
    int n;
    int ordinal;
    ReentrantLock lock = lock();
    lock.lock();
    try {
      if (children == null || (children instanceof String only && only.equals(base))) {
        children = base;
        n = childCount + 1;
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Integer> counts = children instanceof Map<?, ?> m ? (Map<String, Integer>) m
            : null;
        if (counts == null) {
          counts = new HashMap<>();
          counts.put((String) children, childCount);
          children = counts;
        }
        n = counts.merge(base, 1, Integer::sum);
      }
      ordinal = ++childCount;
    } finally {
      lock.unlock();
    }
    String childPath = n == 1 ? base : base + "#" + n;
    checkSequence(ordinal, childPath);
    return childPath;
  }

  private ReentrantLock lock() {
    ReentrantLock l = lock;
    if (l == null) {
      l = new ReentrantLock();
      if (!LOCK.compareAndSet(this, null, l)) {
        l = lock;
      }
    }
    return l;
  }

  // Paths name the agent, so a replay that calls another agent than before would silently miss
  // the journal and run live on top of replayed steps. Each invocation records where its n-th call
  // went; a replay must go to the same place.
  private void checkSequence(int ordinal, String childPath) {
    String key = (callScope == null ? path : path + "@" + callScope) + "#c" + ordinal;
    Boolean same = run.journal.recordedString(key, childPath);
    if (same == null) {
      run.journal.record(key, () -> TextNode.valueOf(childPath));
      // A durable engine replaying the run answers with the choice its history holds.
      String before = run.execution.remember(key, childPath);
      if (!before.equals(childPath)) {
        throw diverged(ordinal, before, childPath, "replayed run diverges from its history");
      }
    } else if (!same) {
      throw diverged(ordinal, run.journal.recorded(key).asText(), childPath,
          "resumed run diverges from its journal");
    }
  }

  private AgentException diverged(int ordinal, String before, String now, String what) {
    AgentException diverged = new AgentException(run.id(), path.isEmpty() ? now : path,
        what + ": call " + ordinal + " of " + (path.isEmpty() ? "the run" : "\"" + path + "\"")
        + " went to \"" + before + "\" before, now to \"" + now + "\"; code agents (and tools that"
        + " call agents) must be deterministic given their inputs and the results of their calls",
        null);
    run.stop(diverged);
    return diverged;
  }

  /** The run this invocation belongs to. */
  public RunImpl<?> run() {
    return run;
  }

  @Override
  public String runId() {
    return run.id();
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public <T> T get(Class<T> type) {
    Optional<T> found = find(type);
    if (found.isEmpty()) {
      // A programming error, not a tool failure: the whole run fails, not just this call.
      RunSetupException missing = new RunSetupException(run.id(), path, "run " + run.id()
          + " has no context object of type " + type.getName() + "; pass one with"
          + " RunOptions.builder().context(...) in the runner builder's .options(...) or in"
          + " runner.with(...)");
      run.stop(missing);
      throw missing;
    }
    return found.get();
  }

  @Override
  public <T> Optional<T> find(Class<T> type) {
    for (Object o : run.options().context()) {
      if (type.isInstance(o)) {
        return Optional.of(type.cast(o));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "RunContext[" + run.id() + " at " + (path.isEmpty() ? "<root>" : path) + "]";
  }
}
