package com.acme;

import dev.baton.BatonGenerated;
import dev.baton.Results;
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
 * The runner of {@link Analysts}, generated from its annotations.
 *
 * <p>Create it with {@link #builder()}; every agent method runs through the Baton runtime.
 */
@Generated("dev.baton.processor.BatonProcessor")
@BatonGenerated
public final class AnalystsRunner implements Analysts, AgentRunner<Analysts> {
  private static final String ANALYZE_INPUT = "{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"}},\"required\":[\"question\"],\"additionalProperties\":false}";

  private static final AgentGraph GRAPH = AgentGraph.builder("Analysts")
      .fanOut("analyze", a -> a
          .parallel("bull", "bear", "quant")
          .timeout("20s")
          .maxConcurrency(2)
          .input("question", String.class)
          .inputSchema(ANALYZE_INPUT))
      .llmAgent("bull", a -> a
          .instructions("Argue the upside.")
          .input("question", String.class)
          .inputSchema(ANALYZE_INPUT))
      .llmAgent("bear", a -> a
          .instructions("Argue the downside.")
          .input("question", String.class)
          .inputSchema(ANALYZE_INPUT))
      .llmAgent("quant", a -> a
          .instructions("Run the numbers.")
          .input("question", String.class)
          .inputSchema(ANALYZE_INPUT))
      .graph();

  private final Orchestrator orchestrator;

  private AnalystsRunner(Orchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  @Override
  public Results<String> analyze(String question) {
    return orchestrator.call("analyze", new Object[] {question});
  }

  @Override
  public String bull(String question) {
    return orchestrator.call("bull", new Object[] {question});
  }

  @Override
  public String bear(String question) {
    return orchestrator.call("bear", new Object[] {question});
  }

  @Override
  public String quant(String question) {
    return orchestrator.call("quant", new Object[] {question});
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
  public <R> Run<R> start(Function<? super Analysts, ? extends R> call) {
    Objects.requireNonNull(call, "call");
    return orchestrator.start(() -> call.apply(this));
  }

  @Override
  public AnalystsRunner with(RunOptions options) {
    return new AnalystsRunner(orchestrator.with(options));
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
   * Builds a {@link AnalystsRunner}.
   */
  public static final class Builder implements RunnerBuilder<Analysts> {
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
      throw new IllegalArgumentException("not a tool class of Analysts with a matching instance: " + toolClass.getName() + " given " + instance.getClass().getName());
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     * @throws IllegalStateException if the model is missing, or an instance of a tool class
     *     that cannot be created
     */
    @Override
    public AnalystsRunner build() {
      Orchestrator.Builder orchestrator = Orchestrator.builder(GRAPH).options(options);
      if (model != null) {
        orchestrator.model(model);
      }
      return new AnalystsRunner(orchestrator.build());
    }
  }
}
