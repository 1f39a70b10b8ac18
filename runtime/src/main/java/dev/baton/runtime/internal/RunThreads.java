package dev.baton.runtime.internal;

import dev.baton.runtime.internal.exec.Exec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The work a run has started (branches, tool calls, watchdogs) through its {@link Exec}, so that
 * cancelling the run cancels all of it and ending the run waits until none is left. The lock only
 * guards the list for a few instructions and is never held while waiting.
 */
final class RunThreads {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Exec.Task> tasks = new ArrayList<>();
  private final Exec exec;
  private final String runId;
  private boolean cancelled;

  RunThreads(Exec exec, String runId) {
    this.exec = exec;
    this.runId = runId;
  }

  /** Starts {@code task} as work owned by the run. */
  Exec.Task start(String name, Runnable task) {
    Exec.Task t = exec.start("baton-" + runId + "-" + name, task);
    boolean cancelNow;
    lock.lock();
    try {
      tasks.add(t);
      cancelNow = cancelled;
    } finally {
      lock.unlock();
    }
    if (cancelNow) {
      t.cancel();
    }
    return t;
  }

  /** Cancels all live work and all work started from now on. */
  void interruptAll() {
    List<Exec.Task> live;
    lock.lock();
    try {
      cancelled = true;
      live = new ArrayList<>(tasks);
    } finally {
      lock.unlock();
    }
    for (Exec.Task t : live) {
      if (!t.isDone()) {
        t.cancel();
      }
    }
  }

  /** Waits until all work has ended, including work started while waiting. */
  void awaitAll() {
    int joined = 0;
    while (true) {
      Exec.Task next;
      lock.lock();
      try {
        if (joined == tasks.size()) {
          return;
        }
        next = tasks.get(joined++);
      } finally {
        lock.unlock();
      }
      next.join();
    }
  }

  int liveCount() {
    lock.lock();
    try {
      return (int) tasks.stream().filter(t -> !t.isDone()).count();
    } finally {
      lock.unlock();
    }
  }
}
