package dev.baton;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a tool class as a tool that LLM agents listing the class in {@link
 * Agent#tools()} may call.
 *
 * <p>The method's parameters become the tool's JSON Schema, computed at compile time (describe them
 * with {@link Param}; {@link Context} parameters are injected and left out). The model's arguments
 * are validated before the method runs. Whatever the method returns is sent back to the model
 * (strings as is, anything else as JSON). If it throws, the model sees the error message as the
 * tool result; the run goes on.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {
  /** The description the model sees. Defaults to the method's Javadoc. */
  String value() default "";

  /** The tool name the model sees. Defaults to the method name. */
  String name() default "";

  /**
   * If true, the run pauses before every call of this tool: it ends as {@code INTERRUPTED} with a
   * pending approval, and continues when resumed with the call approved or rejected.
   */
  boolean approval() default false;
}
