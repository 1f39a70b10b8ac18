package dev.baton;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets an LLM agent hand the conversation to another agent of the same system.
 *
 * <p>The model of the annotated agent sees a tool {@code transfer_to_<to>} whose parameters are the
 * target's parameters (with their JSON Schema) and whose description is the target's {@link
 * Agent#description()} (or {@link #description()} here, if set).
 *
 * <ul>
 *   <li><b>One-way</b> ({@code back = false}, the default): the target takes over the branch's
 *       conversation, and its output becomes the output of the source's call. The target's return
 *       type must therefore be assignable to the source's; javac checks it. When a model asks for
 *       several one-way handoffs in one turn, the first wins and the others are answered with an
 *       error.
 *   <li><b>Back</b> ({@code back = true}): the target runs on a copy of the conversation up to the
 *       handoff; when it finishes, its output answers the source's handoff call as the tool result,
 *       and the source continues and produces the final answer. The target may return any type.
 *       Several back-handoffs in one turn run concurrently, like tool calls.
 * </ul>
 *
 * <pre>{@code
 * @Agent(instructions = "You are the front desk ...")
 * @Handoff(to = "billing", back = true)
 * @Handoff(to = "technical", back = true)
 * String frontDesk(String message);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Handoff.List.class)
public @interface Handoff {
  /** The {@link Agent#name()} of the target agent. */
  String to();

  /** Whether the target's output comes back to this agent as a tool result. */
  boolean back() default false;

  /** Overrides the description the model sees for this handoff's tool. */
  String description() default "";

  /** Container of repeated {@link Handoff} annotations. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    /** The repeated annotations. */
    Handoff[] value();
  }
}
