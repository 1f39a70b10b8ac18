package dev.baton;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fans out to several agents at once, each on its own virtual thread.
 *
 * <p>Each listed agent runs as a branch on a copy of the conversation up to the fork; branches do
 * not see each other. Each branch's parameters are bound to this method's arguments by name
 * (checked at compile time).
 *
 * <ul>
 *   <li>On an abstract method returning {@link Results Results&lt;T&gt;}: the method is the
 *       fan-out and returns every branch's {@link Outcome}, in declaration order.
 *   <li>On an LLM {@link Agent}: the fan-out runs first, then the agent runs with the outcomes
 *       added to its input (successes with their output, failures and timeouts named), so one
 *       agent aggregates the branches.
 * </ul>
 *
 * <p>At {@link #timeout()} from the fork, unfinished branches are interrupted and recorded as
 * {@link Outcome.TimedOut}: the caller gets the partial result instead of nothing. A branch that
 * throws is {@link Outcome.Failed}, unless {@link #failFast()}.
 *
 * <pre>{@code
 * @Parallel(agents = {"security", "style", "tests"}, timeout = "20s")
 * Results<String> review(String diff);
 * }</pre>
 *
 * <p>With {@link #over()}, the fork is data-shaped: the one agent in {@link #agents()} runs once
 * per element of a collection parameter, each run a branch of its own:
 *
 * <pre>{@code
 * @Parallel(over = "claims", agents = "checkClaim", timeout = "30s", maxConcurrency = 16)
 * Results<Verdict> checkAll(List<Claim> claims, String policy);
 *
 * @Agent(instructions = "...") Verdict checkClaim(Claim claim, String policy);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Parallel {
  /** The {@link Agent#name()}s of the branch agents, in the order of the results. */
  String[] agents();

  /**
   * How long branches may run, from the fork: {@code "500ms"}, {@code "20s"}, {@code "2m"}, {@code
   * "1h"} or ISO-8601 such as {@code "PT20S"}. Empty (the default) means no timeout, only the run's
   * deadline. Anything else, or a value that is not positive, is a compile error.
   */
  String timeout() default "";

  /**
   * If true, the first branch that fails cancels its siblings and the fan-out fails with that
   * error. If false (the default), failures are recorded as {@link Outcome.Failed} and the other
   * branches go on.
   */
  boolean failFast() default false;

  /** The most branches in flight at once; 0 (the default) means no bound. */
  int maxConcurrency() default 0;

  /**
   * The name of a parameter of this method whose elements are forked over, one branch per element
   * in iteration order; empty (the default) for a fixed fork over {@link #agents()}. The parameter
   * is a {@code List<E>}, {@code Set<E>} or {@code E[]}, and {@link #agents()} names exactly one
   * agent. Binding rule: each element is passed as that agent's <em>first</em> parameter, whose
   * type {@code E} must be assignable to; the agent's other parameters bind by name to this
   * method's other parameters, as in a fixed fork. All of it is checked at compile time.
   */
  String over() default "";
}
