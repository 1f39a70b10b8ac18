package dev.baton;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a tool parameter that is injected from the run's context objects (passed with {@code
 * RunOptions.builder().context(...)}) by type, instead of being chosen by the model. The parameter
 * is not part of the tool's JSON Schema. A run without a context object of that type answers the
 * call with an error naming the type and the tool.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Context {}
