package dev.baton.runtime.internal;

import dev.baton.runtime.internal.exec.Execution;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tasks a run has started (its root, branches, tool calls, watchdog), each in a {@link Scope},
 * so that ending the run cancels all of them and waits, for a bounded grace, until none is left.
 * Task names start with {@code baton-<runId>-}, so thread dumps name the run and the path.
 */
final class RunThreads {
  private final ReentrantLock lock = new ReentrantLock();
  // Made at the first task: a run whose entry runs on its caller's thread may start none.
  private Set<Execution.Task> live = Set.of();
  // Tasks whose body has ended but whose thread may still be on its last instructions: awaited at
  // the run's end like live ones, so no thread outlives it; pruned as they turn out to be gone.
  private List<Execution.Task> finishing = new ArrayList<>();
  private int pruneAt = 64;
  private final Execution execution;
  private final String runId;
  // "baton-<runId>", made when the first task starts: a run whose entry runs on its caller's thread
  // may start none.
  private String prefix;
  private boolean cancelledAll;

  RunThreads(String runId, Execution execution) {
    this.execution = execution;
    this.runId = runId;
  }

  /**
   * Starts {@code body} as a task of {@code scope}; cancelled at once if the scope is cancelled.
   *
   * @param name the rest of the task's name after the run's prefix; empty for the run's root
   */
  Execution.Task start(String name, Scope scope, Runnable body) {
    Tracked tracked = new Tracked(scope, body);
    Execution.Task task;
    // Held while starting, so that a body that ends at once finds itself registered.
    lock.lock();
    try {
      if (prefix == null) {
        prefix = "baton-" + runId;
      }
      task = execution.start(name.isEmpty() ? prefix : prefix + "-" + name, tracked);
      tracked.task = task;
      if (live.isEmpty()) {
        live = new LinkedHashSet<>();
      }
      live.add(task);
      if (cancelledAll) {
        task.cancel(); // started by work that had not seen the cancellation yet
      }
    } finally {
      lock.unlock();
    }
    scope.add(task);
    return task;
  }

  // A task's body and its deregistration in one object: one frame on a parked task's stack, and
  // no capturing lambda or holder array per task. A completing body is told after the task is done.
  private final class Tracked implements Execution.CompletingBody {
    private final Scope scope;
    private final Runnable body;
    // Set under the lock before the body can reach its end (which takes the lock).
    private Execution.Task task;

    Tracked(Scope scope, Runnable body) {
      this.scope = scope;
      this.body = body;
    }

    @Override
    public void run() {
      try {
        body.run();
      } finally {
        Execution.Task self;
        lock.lock();
        try {
          self = task;
          live.remove(self);
          finishing.add(self);
          if (finishing.size() >= pruneAt) {
            prune();
          }
        } finally {
          lock.unlock();
        }
        scope.removeTask(self);
      }
    }

    @Override
    public void afterDone() {
      if (body instanceof Execution.CompletingBody c) {
        c.afterDone();
      }
    }
  }

  /** Cancels every live task, and every task started from now on. */
  void cancelAll() {
    List<Execution.Task> tasks;
    lock.lock();
    try {
      cancelledAll = true;
      if (live.isEmpty()) {
        return;
      }
      tasks = new ArrayList<>(live);
    } finally {
      lock.unlock();
    }
    tasks.forEach(Execution.Task::cancel);
  }

  /**
   * Waits until every task but {@code except} is done, or the deadline passes.
   *
   * @return the tasks still not done at the deadline, which the run abandons
   */
  List<Execution.Task> awaitAll(Execution.Task except, long deadlineNanos) {
    List<Execution.Task> first = snapshot();
    if (first.isEmpty()) {
      return List.of(); // a run whose entry ran on its caller's thread and started no task
    }
    boolean interrupted = false;
    List<Execution.Task> left = new ArrayList<>();
    java.util.Set<Execution.Task> seen = new java.util.HashSet<>();
    // Tasks may start while others are awaited (work that passed its check just before the
    // cancellation): look again until a pass finds nothing new.
    for (List<Execution.Task> round = first; ; round = snapshot()) {
      round.removeIf(t -> t == except || !seen.add(t));
      if (round.isEmpty()) {
        break;
      }
      for (Execution.Task t : round) {
        while (true) {
          try {
            if (!t.awaitDone(deadlineNanos)) {
              left.add(t);
            }
            break;
          } catch (InterruptedException e) {
            // The run is ending anyway: finish the bounded wait, then restore the flag.
            interrupted = true;
          }
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return left;
  }

  // Drops finishing tasks that are gone; amortized, so a run of many tasks pays O(1) per task.
  private void prune() {
    List<Execution.Task> still = new ArrayList<>();
    long now = execution.nanoTime();
    for (Execution.Task t : finishing) {
      boolean gone;
      try {
        gone = t.awaitDone(now);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        gone = false;
      }
      if (!gone) {
        still.add(t);
      }
    }
    finishing = still;
    pruneAt = Math.max(64, still.size() * 2);
  }

  private List<Execution.Task> snapshot() {
    lock.lock();
    try {
      if (live.isEmpty() && finishing.isEmpty()) {
        return new ArrayList<>(0);
      }
      List<Execution.Task> all = new ArrayList<>(live);
      all.addAll(finishing);
      return all;
    } finally {
      lock.unlock();
    }
  }

  /** Whether no task is live or finishing. */
  boolean none() {
    lock.lock();
    try {
      return live.isEmpty() && finishing.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  int liveCount() {
    lock.lock();
    try {
      return live.size();
    } finally {
      lock.unlock();
    }
  }
}
