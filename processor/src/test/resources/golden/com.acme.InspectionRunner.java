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
 * The runner of {@link Inspection}, generated from its annotations.
 *
 * <p>Create it with {@link #builder()}; every agent method runs through the Baton runtime.
 */
@Generated("dev.baton.processor.BatonProcessor")
@BatonGenerated
public final class InspectionRunner implements Inspection, AgentRunner<Inspection> {
  private static final String INTAKE_INPUT = "{\"type\":\"object\",\"properties\":{\"request\":{\"type\":\"string\"}},\"required\":[\"request\"],\"additionalProperties\":false}";

  private static final AgentGraph GRAPH = AgentGraph.builder("Inspection")
      .llmAgent("intake", a -> a
          .instructions("Take the request and hand it to the inspection.")
          .input("request", String.class)
          .inputSchema(INTAKE_INPUT))
      .llmAgent("inspect", a -> a
          .instructions("Summarize the inspectors' findings; name those that did not finish.")
          .description("Inspects a building in parallel and writes one report.")
          .parallel("structure", "electrical", "plumbing")
          .timeout("2s")
          .input("request", String.class)
          .inputSchema(INTAKE_INPUT))
      .llmAgent("structure", a -> a
          .instructions("Inspect the structure.")
          .input("request", String.class)
          .inputSchema(INTAKE_INPUT))
      .llmAgent("electrical", a -> a
          .instructions("Inspect the wiring.")
          .input("request", String.class)
          .inputSchema(INTAKE_INPUT))
      .llmAgent("plumbing", a -> a
          .instructions("Inspect the pipes.")
          .input("request", String.class)
          .inputSchema(INTAKE_INPUT))
      .handoff("intake", "inspect", false)
      .graph();

  private final Orchestrator orchestrator;

  private InspectionRunner(Orchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  @Override
  public String intake(String request) {
    return orchestrator.call("intake", new Object[] {request});
  }

  @Override
  public String inspect(String request) {
    return orchestrator.call("inspect", new Object[] {request});
  }

  @Override
  public String structure(String request) {
    return orchestrator.call("structure", new Object[] {request});
  }

  @Override
  public String electrical(String request) {
    return orchestrator.call("electrical", new Object[] {request});
  }

  @Override
  public String plumbing(String request) {
    return orchestrator.call("plumbing", new Object[] {request});
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
  public <R> Run<R> start(Function<? super Inspection, ? extends R> call) {
    Objects.requireNonNull(call, "call");
    return orchestrator.start(() -> call.apply(this));
  }

  @Override
  public InspectionRunner with(RunOptions options) {
    return new InspectionRunner(orchestrator.with(options));
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
   * Builds a {@link InspectionRunner}.
   */
  public static final class Builder implements RunnerBuilder<Inspection> {
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
      throw new IllegalArgumentException("not a tool class of Inspection with a matching instance: " + toolClass.getName() + " given " + instance.getClass().getName());
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     * @throws IllegalStateException if the model is missing, or an instance of a tool class
     *     that cannot be created
     */
    @Override
    public InspectionRunner build() {
      Orchestrator.Builder orchestrator = Orchestrator.builder(GRAPH).options(options);
      if (model != null) {
        orchestrator.model(model);
      }
      return new InspectionRunner(orchestrator.build());
    }
  }
}
