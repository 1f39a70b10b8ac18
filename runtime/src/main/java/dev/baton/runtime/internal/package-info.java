/**
 * Not API: the run loop behind {@link dev.baton.runtime.Orchestrator} (engine, runs, forks, tool
 * calls, journal, JSON mapping), shared by Baton's own modules in the manner of Dagger's {@code
 * dagger.internal}. Public types here are public only so that Baton's other packages and modules
 * can reach them; they may change or disappear in any release, and applications and generated code
 * must not use them.
 */
package dev.baton.runtime.internal;
