package dev.baton.examples.sharedcontext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What an incident review has found and decided so far. One instance is passed to a run as a
 * context object and shared by every branch, so it is thread-safe.
 */
public final class CaseFile {
  /**
   * A finding.
   *
   * @param source who found it
   * @param text what was found
   */
  public record Finding(String source, String text) {}

  /**
   * A decision.
   *
   * @param action what will be done
   * @param owner who does it
   */
  public record Decision(String action, String owner) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final List<Finding> findings = new ArrayList<>();
  private final List<Decision> decisions = new ArrayList<>();

  /** Creates an empty case file. */
  public CaseFile() {}

  /**
   * Adds a finding.
   *
   * @param finding the finding
   */
  public void add(Finding finding) {
    lock.lock();
    try {
      findings.add(finding);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds a decision.
   *
   * @param decision the decision
   */
  public void add(Decision decision) {
    lock.lock();
    try {
      decisions.add(decision);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The findings so far, by source (the agent's path), then by text: the same list whichever
   * investigator finished first, and whichever of one turn's tool calls (which run concurrently)
   * added its finding first.
   */
  public List<Finding> findings() {
    lock.lock();
    try {
      return findings.stream()
          .sorted(Comparator.comparing(Finding::source).thenComparing(Finding::text))
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /** The decisions so far, in the order added. */
  public List<Decision> decisions() {
    lock.lock();
    try {
      return List.copyOf(decisions);
    } finally {
      lock.unlock();
    }
  }

  /** The findings and decisions, one a line. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    findings().forEach(f -> sb.append("finding  ").append(f.source()).append(": ").append(f.text())
        .append('\n'));
    decisions().forEach(d -> sb.append("decision ").append(d.owner()).append(": ").append(d.action())
        .append('\n'));
    return sb.toString().stripTrailing();
  }
}
