package com.acme;

import dev.baton.BatonGenerated;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunState;
import dev.baton.runtime.RunnerBuilder;
import dev.baton.runtime.model.Model;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.annotation.processing.Generated;

/**
 * The runner of {@link Fallback}, generated from its annotations.
 *
 * <p>Create it with {@link #builder()}; every agent method runs through the Baton runtime.
 */
@Generated("dev.baton.processor.BatonProcessor")
@BatonGenerated
public final class FallbackRunner extends Fallback implements AgentRunner<Fallback> {
  private static final String ANSWER_INPUT = "{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"}},\"required\":[\"question\"],\"additionalProperties\":false}";

  private static final AgentGraph GRAPH = AgentGraph.builder("Fallback")
      .codeAgent("answer", a -> a
          .input("question", String.class)
          .inputSchema(ANSWER_INPUT))
      .llmAgent("expert", a -> a
          .instructions("Answer as an expert.")
          .model("gpt-4.1")
          .input("question", String.class)
          .inputSchema(ANSWER_INPUT))
      .llmAgent("generalist", a -> a
          .instructions("Answer briefly.")
          .input("question", String.class)
          .inputSchema(ANSWER_INPUT))
      .call("answer", "expert")
      .call("answer", "generalist")
      .graph();

  private final Orchestrator orchestrator;

  private FallbackRunner(Orchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  private FallbackRunner(Orchestrator.Builder orchestrator) {
    this.orchestrator = orchestrator
        .codeAgent("answer", (self, arguments) -> super.answer((String) arguments[0]))
        .build();
  }

  @Override
  public String answer(String question) {
    return orchestrator.call("answer", new Object[] {question});
  }

  @Override
  public String expert(String question) {
    return orchestrator.call("expert", new Object[] {question});
  }

  @Override
  public String generalist(String question) {
    return orchestrator.call("generalist", new Object[] {question});
  }

  @Override
  public AgentGraph graph() {
    return GRAPH;
  }

  @Override
  public Orchestrator orchestrator() {
    return orchestrator;
  }

  @Override
  public <R> Run<R> start(Function<? super Fallback, ? extends R> call) {
    Objects.requireNonNull(call, "call");
    return orchestrator.start(() -> call.apply(this));
  }

  @Override
  public FallbackRunner with(RunOptions options) {
    return new FallbackRunner(orchestrator.with(options));
  }

  @Override
  public Run<Object> resume(RunState state) {
    return orchestrator.resume(state);
  }

  /**
   * Starts a runner: set the model, and optionally options and tool instances.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link FallbackRunner}.
   */
  public static final class Builder implements RunnerBuilder<Fallback> {
    private Model model;

    private RunOptions options = RunOptions.defaults();

    private Builder() {
    }

    /**
     * Sets the model every LLM agent calls.
     *
     * @param model the model
     * @return this
     */
    @Override
    public Builder model(Model model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets the options of runs.
     *
     * @param options the options
     * @return this
     */
    @Override
    public Builder options(RunOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * The tool classes of this system, in declaration order.
     *
     * @return the classes
     */
    @Override
    public List<Class<?>> toolClasses() {
      return List.of();
    }

    /**
     * Sets the instance of one tool class, for callers that see only {@code RunnerBuilder}.
     *
     * @param toolClass one of {@link #toolClasses()}
     * @param instance an instance of it
     * @return this
     * @throws IllegalArgumentException if {@code toolClass} is not a tool class of this system
     *     or {@code instance} is not an instance of it
     */
    @Override
    public Builder tool(Class<?> toolClass, Object instance) {
      Objects.requireNonNull(instance, "instance");
      throw new IllegalArgumentException("not a tool class of Fallback with a matching instance: " + toolClass.getName() + " given " + instance.getClass().getName());
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     * @throws IllegalStateException if the model is missing, or an instance of a tool class
     *     that cannot be created
     */
    @Override
    public FallbackRunner build() {
      Orchestrator.Builder orchestrator = Orchestrator.builder(GRAPH).options(options);
      if (model != null) {
        orchestrator.model(model);
      }
      return new FallbackRunner(orchestrator);
    }
  }
}
