package dev.baton.runtime.internal;

import dev.baton.graph.AgentSpec;
import dev.baton.runtime.RunContext;
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

  final RunImpl<?> run;
  final String path;
  final AgentSpec agent;
  final Conversation conversation;
  private final ReentrantLock lock = new ReentrantLock();
  private Map<String, Integer> children;

  Frame(RunImpl<?> run, String path, AgentSpec agent, Conversation conversation) {
    this.run = run;
    this.path = path;
    this.agent = agent;
    this.conversation = conversation;
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

  static void exit(Frame previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /**
   * The path of the next child invocation of {@code child} reached with {@code separator}: {@code
   * >} handoff, {@code /} branch or call, {@code +} delegate; repeats get {@code #2}, {@code #3}.
   */
  String childPath(String separator, String child) {
    String base = path.isEmpty() ? child : path + separator + child;
    int n;
    lock.lock();
    try {
      if (children == null) {
        children = new HashMap<>();
      }
      n = children.merge(base, 1, Integer::sum);
    } finally {
      lock.unlock();
    }
    return n == 1 ? base : base + "#" + n;
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
    return find(type).orElseThrow(() -> new IllegalStateException("run " + run.id()
        + " has no context object of type " + type.getName() + " (at " + path + "); pass one with"
        + " RunOptions.builder().context(...)"));
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
