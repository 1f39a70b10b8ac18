package dev.baton;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The outcomes of a {@link Parallel} fan-out, one per branch, in the order the branches are
 * declared. Immutable.
 *
 * <pre>{@code
 * Results<String> r = review.review(diff);
 * r.successes().forEach((agent, text) -> ...);
 * if (!r.isComplete()) log.warn("timed out: {}", r.timedOut());
 * }</pre>
 *
 * @param <T> the type every branch's output is assignable to
 */
public final class Results<T> implements Iterable<Outcome<T>> {
  private final List<Outcome<T>> outcomes;

  private Results(List<Outcome<T>> outcomes) {
    this.outcomes = outcomes;
  }

  /**
   * Creates results from outcomes in declaration order.
   *
   * @param outcomes one outcome per branch, each agent at most once
   * @param <T> the output type
   * @return the results
   * @throws IllegalArgumentException if an agent appears twice
   */
  public static <T> Results<T> of(List<? extends Outcome<T>> outcomes) {
    List<Outcome<T>> copy = List.copyOf(outcomes);
    Set<String> seen = new HashSet<>();
    for (Outcome<T> o : copy) {
      if (!seen.add(o.agent())) {
        throw new IllegalArgumentException("agent \"" + o.agent() + "\" appears twice in "
            + copy.stream().map(Outcome::agent).toList() + "; each branch has one outcome");
      }
    }
    return new Results<>(copy);
  }

  /** All outcomes in declaration order. */
  public List<Outcome<T>> outcomes() {
    return outcomes;
  }

  /**
   * The outcome of one branch.
   *
   * @param agent the branch's agent name
   * @return its outcome
   * @throws NoSuchElementException naming the branches, if {@code agent} is not one of them
   */
  public Outcome<T> outcome(String agent) {
    Objects.requireNonNull(agent, "agent");
    for (Outcome<T> o : outcomes) {
      if (o.agent().equals(agent)) {
        return o;
      }
    }
    throw new NoSuchElementException(
        "no branch \"" + agent + "\"; branches are " + outcomes.stream().map(Outcome::agent).toList());
  }

  /**
   * The outcome of the branch at a position: declaration order for a fixed fan-out, element order
   * for a fork over elements (whose branches are named {@code agent[i]}).
   *
   * @param index the position, from 0
   * @return its outcome
   * @throws IndexOutOfBoundsException if there is no branch at {@code index}
   */
  public Outcome<T> outcome(int index) {
    return outcomes.get(index);
  }

  /** The outputs of the branches that succeeded, by agent, in declaration order. */
  public Map<String, T> successes() {
    Map<String, T> map = new LinkedHashMap<>();
    for (Outcome<T> o : outcomes) {
      if (o instanceof Outcome.Success<T> s) {
        map.put(s.agent(), s.value());
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /** The branches that threw, in declaration order. */
  public List<Outcome.Failed<T>> failures() {
    List<Outcome.Failed<T>> list = new ArrayList<>();
    for (Outcome<T> o : outcomes) {
      if (o instanceof Outcome.Failed<T> f) {
        list.add(f);
      }
    }
    return List.copyOf(list);
  }

  /** The names of the branches that did not finish before the timeout, in declaration order. */
  public List<String> timedOut() {
    return outcomes.stream()
        .filter(o -> o instanceof Outcome.TimedOut)
        .map(Outcome::agent)
        .toList();
  }

  /** Whether every branch succeeded. */
  public boolean isComplete() {
    return outcomes.stream().allMatch(Outcome::isSuccess);
  }

  /** The number of branches. */
  public int size() {
    return outcomes.size();
  }

  /** The outcomes as a stream, in declaration order. */
  public Stream<Outcome<T>> stream() {
    return outcomes.stream();
  }

  @Override
  public Iterator<Outcome<T>> iterator() {
    return outcomes.iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Results<?> r && r.outcomes.equals(outcomes);
  }

  @Override
  public int hashCode() {
    return outcomes.hashCode();
  }

  /** Lists every outcome, one per line, e.g. {@code p80 timed out after 2s}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Results[");
    long ok = outcomes.stream().filter(Outcome::isSuccess).count();
    sb.append(ok).append('/').append(outcomes.size()).append(" succeeded]");
    for (Outcome<T> o : outcomes) {
      sb.append("\n  ").append(o);
    }
    return sb.toString();
  }
}
