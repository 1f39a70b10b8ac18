package dev.baton.runtime.internal;

import dev.baton.runtime.internal.exec.Execution;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cancellation scope: the run, a fan-out branch, or any part of a run that can be settled on its
 * own. Once cancelled a scope is cancelled forever: no model call, tool call, handoff, delegate or
 * fan-out starts in it or in any scope inside it, its running tasks are cancelled, and results that
 * arrive afterwards are dropped (never journaled, never shown). The same "canceled forever" rule
 * OkHttp's {@code RealCall} applies before each exchange.
 */
final class Scope {
  private final Scope parent;
  private final Execution execution;
  private final ReentrantLock lock = new ReentrantLock();
  // Made on first use: most branch scopes hold one task and no child, so a lone task is kept in a
  // field and a set is made only for a second. Sets, so that forgetting one of 100,000 children or
  // tasks is O(1).
  private Execution.Task task;
  private Set<Execution.Task> tasks;
  private Set<Scope> children;
  private volatile String cancelled;

  Scope(Scope parent, Execution execution) {
    this.parent = parent;
    this.execution = execution;
  }

  /** A new scope inside this one; cancelled at once if this one is. */
  Scope child() {
    Scope c = new Scope(this, execution);
    lock.lock();
    try {
      if (cancelled == null) {
        if (children == null) {
          children = new LinkedHashSet<>();
        }
        children.add(c);
        return c;
      }
    } finally {
      lock.unlock();
    }
    c.cancel(cancelled);
    return c;
  }

  /** Forgets a child whose work is over, so long runs do not accumulate them. */
  void remove(Scope child) {
    lock.lock();
    try {
      if (children != null) {
        children.remove(child);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether this scope or one around it is cancelled. */
  boolean isCancelled() {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.cancelled != null) {
        return true;
      }
    }
    return false;
  }

  /** Why this scope or the nearest one around it was cancelled; null if none is. */
  String reason() {
    for (Scope s = this; s != null; s = s.parent) {
      String r = s.cancelled;
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /** Registers a task of this scope; it is cancelled at once if the scope already is. */
  void add(Execution.Task task) {
    lock.lock();
    try {
      if (cancelled == null && !isCancelled()) {
        if (this.task == null && (tasks == null || tasks.isEmpty())) {
          this.task = task;
          return;
        }
        if (tasks == null) {
          tasks = new LinkedHashSet<>(4);
        }
        if (this.task != null) {
          tasks.add(this.task);
          this.task = null;
        }
        tasks.add(task);
        return;
      }
    } finally {
      lock.unlock();
    }
    task.cancel();
  }

  void removeTask(Execution.Task task) {
    lock.lock();
    try {
      if (this.task == task) {
        this.task = null;
      } else if (tasks != null) {
        tasks.remove(task);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Cancels this scope and every scope inside it, for good; cancels their tasks and wakes every
   * wait of the run. The first reason stays.
   */
  void cancel(String reason) {
    if (mark(reason)) {
      interruptTasks();
    }
  }

  /**
   * Marks this scope and every scope inside it cancelled, so nothing new starts and no result is
   * kept, without interrupting running tasks yet: for a settlement that reports itself first and
   * then stops its work ({@link #interruptTasks()}). Wakes every wait of the run.
   *
   * @return whether this call cancelled it (false: it already was)
   */
  boolean mark(String reason) {
    List<Scope> inner;
    lock.lock();
    try {
      if (cancelled != null) {
        return false;
      }
      cancelled = reason;
      inner = children == null ? List.of() : new ArrayList<>(children);
    } finally {
      lock.unlock();
    }
    inner.forEach(c -> c.mark(reason));
    execution.signal();
    return true;
  }

  /** Cancels the tasks of this scope and of every scope inside it. */
  void interruptTasks() {
    List<Execution.Task> toCancel;
    List<Scope> inner;
    lock.lock();
    try {
      toCancel = task != null ? List.of(task) : tasks == null ? List.of() : new ArrayList<>(tasks);
      inner = children == null ? List.of() : new ArrayList<>(children);
    } finally {
      lock.unlock();
    }
    toCancel.forEach(Execution.Task::cancel);
    inner.forEach(Scope::interruptTasks);
  }
}
