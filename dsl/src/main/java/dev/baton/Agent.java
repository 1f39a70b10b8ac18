package dev.baton;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an agent: one method of an agent-system interface (or abstract class).
 *
 * <p>The method's parameters are the agent's typed input and its return type is the agent's typed
 * output. What kind of agent it is follows from the method:
 *
 * <ul>
 *   <li>An <b>abstract</b> method with {@link #instructions()} is an <em>LLM agent</em>. The
 *       generated runner implements it: the model is called with the instructions as system
 *       message, the branch conversation (see {@link #history()}), and the input as user message,
 *       until it produces a final answer. A {@code String} return is the answer's text; any other
 *       return type is requested as structured output with the type's JSON Schema and parsed.
 *   <li>A <b>default</b> (or concrete) method is a <em>code agent</em>. Its body is the workflow:
 *       calls it makes to sibling agent methods go through the runner, so they are traced,
 *       journaled and cancellable. Sequences, loops, branches, retries and fallbacks are plain
 *       Java. Code agents must be deterministic given their inputs and the results of their calls,
 *       because a resumed run replays them.
 *   <li>An abstract method that is also annotated {@link Parallel} and returns {@link Results} is a
 *       <em>fan-out</em>; it needs no instructions.
 * </ul>
 *
 * <p>Everything about the wiring is checked when the interface is compiled: unknown handoff
 * targets, mismatched types, cycles and malformed templates are javac errors.
 *
 * <pre>{@code
 * @Agent(description = "Resolves invoices, refunds and payments.",
 *        instructions = "You resolve billing problems.", tools = BillingTools.class)
 * String billing(String problem);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Agent {
  /** The agent's name in the graph, in paths and in events. Defaults to the method name. */
  String name() default "";

  /** The system prompt of an LLM agent. Required for abstract agents without {@link Parallel}. */
  String instructions() default "";

  /**
   * What the agent does, in one sentence. Callers and models are told this: it is the description
   * of the {@code transfer_to_<agent>} tool of a handoff and of the tool of a {@link Delegate}.
   */
  String description() default "";

  /**
   * A user-message template with {@code {param}} placeholders naming the method's parameters,
   * e.g. {@code "Review this diff for {language} style issues:\n{diff}"}. Without a template, a
   * single {@code String} argument is sent as is and other inputs are sent as a JSON object of the
   * arguments. A placeholder that names no parameter is a compile error.
   */
  String prompt() default "";

  /** The model name for this agent, overriding the model's default (e.g. {@code "gpt-4.1"}). */
  String model() default "";

  /**
   * Classes whose {@link Tool} methods this agent may call. A class with a public no-argument
   * constructor is instantiated by the runner; otherwise pass an instance to the runner builder.
   */
  Class<?>[] tools() default {};

  /**
   * Names of toolsets whose tools this agent may call, e.g. {@code "tracker"}: tools known only at
   * run time, such as those of a Model Context Protocol server. The runner's builder binds each name
   * to a {@code dev.baton.runtime.Toolset}; building a runner fails naming a toolset nobody bound.
   * A name is a letter followed by letters, digits, {@code _} or {@code -}, and appears once.
   */
  String[] toolsets() default {};

  /** What the agent sees of the branch conversation; {@link History#CONVERSATION} by default. */
  History history() default History.CONVERSATION;

  /**
   * The most model calls one invocation of this agent may make before it fails with {@code
   * MaxTurnsExceededException}. Each round of tool calls costs one turn.
   */
  int maxTurns() default 10;
}
