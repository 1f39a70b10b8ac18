package dev.baton.runtime;

import dev.baton.graph.AgentGraph;
import java.util.function.Function;

/**
 * What every generated runner offers besides the agent methods of its interface. {@code
 * SupportRunner implements Support, AgentRunner<Support>}.
 *
 * @param <T> the agent-system interface
 */
public interface AgentRunner<T> {
  /** The validated agent graph this runner runs. */
  AgentGraph graph();

  /**
   * Starts a run on a virtual thread and returns at once.
   *
   * <pre>{@code
   * Run<String> run = runner.start(s -> s.frontDesk("I was charged twice"));
   * }</pre>
   *
   * @param call calls one agent method of the system (the run's entry)
   * @param <R> the result type
   * @return the run
   */
  <R> Run<R> start(Function<? super T, ? extends R> call);

  /**
   * A runner sharing this one's model and tools, with other run options.
   *
   * @param options the options for runs of the new runner
   * @return the new runner
   */
  AgentRunner<T> with(RunOptions options);

  /**
   * Continues a run from its state: journaled steps return their recorded results without calling
   * the model or tools again; the first step past the journal runs live.
   *
   * @param state the state of an interrupted or crashed run, e.g. {@code RunState.fromJson(json)}
   * @return the resumed run
   */
  Run<Object> resume(RunState state);
}
