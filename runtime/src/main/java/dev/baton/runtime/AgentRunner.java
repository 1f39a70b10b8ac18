package dev.baton.runtime;

import dev.baton.Results;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentKind;
import dev.baton.graph.AgentSpec;
import dev.baton.graph.JavaTypeRef;
import java.util.function.Function;

/**
 * What every generated runner offers besides the agent methods of its interface. {@code
 * SupportRunner implements Support, AgentRunner<Support>}. A runner written by hand implements it
 * over an {@link Orchestrator} the same way.
 *
 * @param <T> the agent-system interface
 */
public interface AgentRunner<T> {
  /** The validated agent graph this runner runs. */
  AgentGraph graph();

  /**
   * The orchestrator behind this runner: its graph, model, tool instances, toolsets, code-agent
   * bodies and run options ({@link #with(RunOptions)} gives a runner whose orchestrator has the
   * new options). For integrations that run the same system on another engine, such as a durable
   * workflow engine that makes the model and tool calls elsewhere; applications call the agent
   * methods instead. A generated runner returns the orchestrator it was built with.
   *
   * @return the orchestrator; the same instance on every call
   */
  Orchestrator orchestrator();

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

  /**
   * Continues a run from its state, typed by the result of its entry agent, which the caller knows:
   *
   * <pre>{@code
   * RunState state = RunState.fromJson(json).approve(callId);
   * String answer = runner.resume(state, String.class).await();
   * }</pre>
   *
   * <p>For a generic result, pass the raw class ({@code List.class}, {@code Results.class}).
   *
   * @param state the state of an interrupted or crashed run
   * @param resultType the entry agent's return type, or a supertype of it; a primitive's box
   * @param <R> the result type
   * @return the resumed run
   * @throws IllegalArgumentException if the state's entry agent is not an agent of this runner's
   *     graph, or its result is not a {@code resultType}; nothing has run then
   */
  default <R> Run<R> resume(RunState state, Class<R> resultType) {
    AgentSpec entry = graph().findAgent(state.entryAgent()).orElseThrow(() ->
        new IllegalArgumentException("run " + state.runId() + " entered at \"" + state.entryAgent()
            + "\", which is not an agent of " + graph().name()));
    Class<?> produced = entry.kind() == AgentKind.FAN_OUT ? Results.class
        : entry.output() instanceof JavaTypeRef ref ? EntryTypes.raw(ref.type()) : Object.class;
    if (!resultType.isAssignableFrom(EntryTypes.boxed(produced))) {
      throw new IllegalArgumentException("run " + state.runId() + " entered at \"" + entry.name()
          + "\", which returns " + (entry.kind() == AgentKind.FAN_OUT ? "Results<"
          + entry.output().displayName() + ">" : entry.output().displayName()) + ", not "
          + resultType.getSimpleName());
    }
    @SuppressWarnings("unchecked") // checked above: the entry's result is an R
    Run<R> run = (Run<R>) resume(state);
    return run;
  }
}
