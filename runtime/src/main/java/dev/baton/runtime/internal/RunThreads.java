package dev.baton.runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The virtual threads a run has started (branches, tool calls, watchdogs), so that cancelling the
 * run interrupts all of them and ending it waits until none is left.
 */
final class RunThreads {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition emptied = lock.newCondition();
  private final Set<Thread> live = new LinkedHashSet<>();
  // Threads that have left the registry but may still be executing their last instructions.
  private final List<Thread> finishing = new ArrayList<>();
  private final String runId;
  private boolean cancelled;

  RunThreads(String runId) {
    this.runId = runId;
  }

  /** Starts {@code task} on a new virtual thread owned by the run. */
  Thread start(String name, Runnable task) {
    Thread t = Thread.ofVirtual().name("baton-" + runId + "-" + name).unstarted(() -> {
      try {
        task.run();
      } finally {
        lock.lock();
        try {
          live.remove(Thread.currentThread());
          finishing.add(Thread.currentThread());
          if (live.isEmpty()) {
            emptied.signalAll();
          }
        } finally {
          lock.unlock();
        }
      }
    });
    lock.lock();
    try {
      live.add(t);
      if (cancelled) {
        t.interrupt();
      }
    } finally {
      lock.unlock();
    }
    t.start();
    return t;
  }

  /** Interrupts every live thread and every thread started from now on. */
  void interruptAll() {
    List<Thread> threads;
    lock.lock();
    try {
      cancelled = true;
      threads = new ArrayList<>(live);
    } finally {
      lock.unlock();
    }
    threads.forEach(Thread::interrupt);
  }

  /** Waits until every thread has terminated, whatever interrupts the waiter gets. */
  void awaitAll() {
    boolean interrupted = false;
    List<Thread> ended;
    lock.lock();
    try {
      while (!live.isEmpty()) {
        try {
          emptied.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      ended = new ArrayList<>(finishing);
      finishing.clear();
    } finally {
      lock.unlock();
    }
    for (Thread t : ended) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
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
