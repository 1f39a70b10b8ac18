package dev.baton;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a tool parameter that is injected from the run's context objects (passed with {@code
 * RunOptions.builder().context(...)}) by type, instead of being chosen by the model. The parameter
 * is not part of the tool's JSON Schema. A run whose entry reaches a tool with a {@code @Context}
 * parameter of a type it holds no object of fails at its start, before any model call, with a
 * {@code RunSetupException} naming the type, the tool and how to pass one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Context {}
