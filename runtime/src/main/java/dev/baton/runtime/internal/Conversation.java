package dev.baton.runtime.internal;

import dev.baton.runtime.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages of one branch: each agent invocation's input and final output, in order. Shared by
 * the invocations of a branch (one-way handoffs, code-agent calls); copied at forks and
 * back-handoffs. Thread-safe.
 */
final class Conversation {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Message> messages;
  /** The agent whose final answer was appended last, or null. */
  private String answeredBy;

  Conversation() {
    this.messages = new ArrayList<>();
  }

  private Conversation(List<Message> messages) {
    this.messages = new ArrayList<>(messages);
  }

  void append(Message m) {
    lock.lock();
    try {
      messages.add(m);
    } finally {
      lock.unlock();
    }
  }

  /** Appends an agent's final answer and remembers who gave it. */
  void appendAnswer(Message m, String agent) {
    lock.lock();
    try {
      messages.add(m);
      answeredBy = agent;
    } finally {
      lock.unlock();
    }
  }

  /** Appends messages in one step: the history a session starts a run with. */
  void appendAll(List<Message> ms) {
    lock.lock();
    try {
      messages.addAll(ms);
    } finally {
      lock.unlock();
    }
  }

  /** The agent whose final answer was appended last by this run, or null. */
  String answeredBy() {
    lock.lock();
    try {
      return answeredBy;
    } finally {
      lock.unlock();
    }
  }

  List<Message> snapshot() {
    lock.lock();
    try {
      return messages.isEmpty() ? List.of() : List.copyOf(messages);
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return messages.size();
    } finally {
      lock.unlock();
    }
  }

  /** The messages appended since the conversation had {@code size} of them. */
  List<Message> since(int size) {
    lock.lock();
    try {
      return List.copyOf(messages.subList(Math.min(size, messages.size()), messages.size()));
    } finally {
      lock.unlock();
    }
  }

  Conversation copy() {
    return new Conversation(snapshot());
  }
}
