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
  private final Set<Execution.Task> live = new LinkedHashSet<>();
  private final Execution execution;
  private final String prefix;

  RunThreads(String runId, Execution execution) {
    this.execution = execution;
    this.prefix = "baton-" + runId;
  }

  /**
   * Starts {@code body} as a task of {@code scope}; cancelled at once if the scope is cancelled.
   *
   * @param name the rest of the task's name after the run's prefix; empty for the run's root
   */
  Execution.Task start(String name, Scope scope, Runnable body) {
    Execution.Task[] self = new Execution.Task[1];
    Execution.Task task;
    // Held while starting, so that a body that ends at once finds itself registered.
    lock.lock();
    try {
      task = execution.start(name.isEmpty() ? prefix : prefix + "-" + name, () -> {
        try {
          body.run();
        } finally {
          lock.lock();
          try {
            live.remove(self[0]);
          } finally {
            lock.unlock();
          }
          scope.removeTask(self[0]);
        }
      });
      self[0] = task;
      live.add(task);
    } finally {
      lock.unlock();
    }
    scope.add(task);
    return task;
  }

  /** Cancels every live task. */
  void cancelAll() {
    snapshot().forEach(Execution.Task::cancel);
  }

  /**
   * Waits until every task but {@code except} is done, or the deadline passes.
   *
   * @return the tasks still not done at the deadline, which the run abandons
   */
  List<Execution.Task> awaitAll(Execution.Task except, long deadlineNanos) {
    boolean interrupted = false;
    List<Execution.Task> left = new ArrayList<>();
    for (Execution.Task t : snapshot()) {
      if (t == except) {
        continue;
      }
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
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return left;
  }

  private List<Execution.Task> snapshot() {
    lock.lock();
    try {
      return new ArrayList<>(live);
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
