/**
 * Not API: helpers shared by Baton's own modules (the annotation processor, the runtime and the
 * code they generate), in the manner of Dagger's {@code dagger.internal}. Types here may change or
 * disappear in any release; applications must not use them.
 */
package dev.baton.graph.internal;
