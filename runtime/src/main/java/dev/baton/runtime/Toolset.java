package dev.baton.runtime;

import dev.baton.graph.ToolSpec;
import java.util.List;

/**
 * Tools known only at run time, such as those of a Model Context Protocol server, bound to a name
 * that agents list in {@code @Agent(toolsets = "tracker")}. The runner's builder receives one per
 * name ({@code runner.builder().toolset("tracker", toolset)}); building fails naming a toolset that
 * an agent lists and nobody bound.
 *
 * <p>The runtime asks for {@link #tools()} when the runner is built (to check names) and before
 * every model turn of an agent that lists the toolset, so a toolset whose tools change is seen
 * with its new list by later turns. Calls run on the invocation's virtual thread, like
 * {@code @Tool} methods: concurrently with the other calls of the same turn, journaled, so a
 * resumed run does not call the tool again, and paused for approval when the tool's {@link
 * ToolSpec#approval()} says so.
 *
 * <p>Implementations are thread-safe: one toolset serves every run of a runner, and the calls of
 * one turn run concurrently.
 */
public interface Toolset {
  /**
   * The tools offered now, each with the name the model sees, a description, the JSON Schema of
   * its arguments and whether a call needs approval. {@link ToolSpec#owner()} is informational.
   * Called before every model turn: return a cached list and refresh it when the source says it
   * changed.
   *
   * @return the tools; empty if none
   * @throws RuntimeException if the tools cannot be listed; at build time this fails the build,
   *     during a run the agent's model sees no tools of this toolset for that turn
   */
  List<ToolSpec> tools();

  /**
   * Calls one tool. Blocks the calling virtual thread until the result arrives; an interrupt (a
   * branch timed out, the run was cancelled) cancels the call and ends it with {@link
   * InterruptedException}.
   *
   * @param tool the tool name, as listed by {@link #tools()}
   * @param arguments the model's arguments
   * @param context the run's context (run id, agent path, context objects)
   * @return the result: a {@code String} is sent to the model as is, anything else as JSON,
   *     {@code null} as {@code "ok"}
   * @throws InterruptedException if the calling thread was interrupted while waiting
   * @throws Exception if the tool fails, the server reports an error, or it cannot be reached; the
   *     model sees the message as an error result and the run goes on
   */
  Object call(String tool, ToolArguments arguments, RunContext context) throws Exception;
}
