package dev.baton;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Offers another agent to an LLM agent as a tool ("agents as tools").
 *
 * <p>The model sees a tool named {@link #tool()} (by default the target's name) with the target's
 * parameters. When called, the target runs on a fresh conversation holding only those arguments;
 * its output is the tool result, and the calling agent keeps control throughout. Unlike a {@link
 * Handoff}, the target never sees the caller's conversation. Its events stream into the same run
 * under the path {@code caller+target}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Delegate.List.class)
public @interface Delegate {
  /** The {@link Agent#name()} of the agent to offer as a tool. */
  String to();

  /** The tool name the model sees; defaults to the target's name. */
  String tool() default "";

  /** The tool description the model sees; defaults to the target's description. */
  String description() default "";

  /** Container of repeated {@link Delegate} annotations. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    /** The repeated annotations. */
    Delegate[] value();
  }
}
