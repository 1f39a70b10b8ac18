package dev.baton.temporal.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runners registered with one worker, by workflow type. Written at registration, before the
 * worker starts; read by workflow and activity code. Thread-safe.
 */
public final class Registry {
  private final Map<String, Registered> runners = new ConcurrentHashMap<>();

  /**
   * Adds a runner.
   *
   * @throws IllegalStateException if the workflow type is taken
   */
  public void add(Registered r) {
    Registered previous = runners.putIfAbsent(r.workflowType(), r);
    if (previous != null) {
      throw new IllegalStateException("workflow type \"" + r.workflowType() + "\" is already"
          + " registered with this worker (by " + previous.orchestrator().graph().name() + ");"
          + " give one of them another workflow type");
    }
  }

  /** The runner of a workflow type, or null. */
  public Registered get(String workflowType) {
    return runners.get(workflowType);
  }

  /** The registered workflow types. */
  public java.util.Set<String> types() {
    return runners.keySet();
  }
}
