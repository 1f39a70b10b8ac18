package com.acme;

import dev.baton.BatonGenerated;
import dev.baton.History;
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
 * The runner of {@link Newsroom}, generated from its annotations.
 *
 * <p>Create it with {@link #builder()}; every agent method runs through the Baton runtime.
 */
@Generated("dev.baton.processor.BatonProcessor")
@BatonGenerated
public final class NewsroomRunner implements Newsroom, AgentRunner<Newsroom> {
  private static final String NEWSROOM_INPUT = "{\"type\":\"object\",\"properties\":{\"topic\":{\"type\":\"string\"}},\"required\":[\"topic\"],\"additionalProperties\":false}";

  private static final String WRITE_INPUT = "{\"type\":\"object\",\"properties\":{\"topic\":{\"type\":\"string\"},\"notes\":{\"type\":\"string\"}},\"required\":[\"topic\",\"notes\"],\"additionalProperties\":false}";

  private static final String EDIT_INPUT = "{\"type\":\"object\",\"properties\":{\"draft\":{\"type\":\"string\"}},\"required\":[\"draft\"],\"additionalProperties\":false}";

  private static final AgentGraph GRAPH = AgentGraph.builder("Newsroom")
      .codeAgent("newsroom", a -> a
          .input("topic", String.class)
          .inputSchema(NEWSROOM_INPUT))
      .llmAgent("research", a -> a
          .instructions("Research the topic; list facts.")
          .history(History.NONE)
          .input("topic", String.class)
          .inputSchema(NEWSROOM_INPUT))
      .llmAgent("write", a -> a
          .instructions("Write an article.")
          .prompt("Write about {topic} using:\n"
              + "{notes}")
          .input("topic", String.class)
          .input("notes", String.class)
          .inputSchema(WRITE_INPUT))
      .llmAgent("edit", a -> a
          .instructions("Edit for clarity.")
          .model("gpt-4.1-mini")
          .maxTurns(3)
          .input("draft", String.class)
          .inputSchema(EDIT_INPUT))
      .call("newsroom", "research")
      .call("newsroom", "write")
      .call("newsroom", "edit")
      .graph();

  private final Orchestrator orchestrator;

  private NewsroomRunner(Orchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  private NewsroomRunner(Orchestrator.Builder orchestrator) {
    this.orchestrator = orchestrator
        .codeAgent("newsroom", (self, arguments) -> Newsroom.super.newsroom((String) arguments[0]))
        .build();
  }

  @Override
  public String newsroom(String topic) {
    return orchestrator.call("newsroom", new Object[] {topic});
  }

  @Override
  public String research(String topic) {
    return orchestrator.call("research", new Object[] {topic});
  }

  @Override
  public String write(String topic, String notes) {
    return orchestrator.call("write", new Object[] {topic, notes});
  }

  @Override
  public String edit(String draft) {
    return orchestrator.call("edit", new Object[] {draft});
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
  public <R> Run<R> start(Function<? super Newsroom, ? extends R> call) {
    Objects.requireNonNull(call, "call");
    return orchestrator.start(() -> call.apply(this));
  }

  @Override
  public NewsroomRunner with(RunOptions options) {
    return new NewsroomRunner(orchestrator.with(options));
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
   * Builds a {@link NewsroomRunner}.
   */
  public static final class Builder implements RunnerBuilder<Newsroom> {
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
      throw new IllegalArgumentException("not a tool class of Newsroom with a matching instance: " + toolClass.getName() + " given " + instance.getClass().getName());
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     * @throws IllegalStateException if the model is missing, or an instance of a tool class
     *     that cannot be created
     */
    @Override
    public NewsroomRunner build() {
      Orchestrator.Builder orchestrator = Orchestrator.builder(GRAPH).options(options);
      if (model != null) {
        orchestrator.model(model);
      }
      return new NewsroomRunner(orchestrator);
    }
  }
}
