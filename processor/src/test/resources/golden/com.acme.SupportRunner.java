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
 * The runner of {@link Support}, generated from its annotations.
 *
 * <p>Create it with {@link #builder()}; every agent method runs through the Baton runtime.
 */
@Generated("dev.baton.processor.BatonProcessor")
@BatonGenerated
public final class SupportRunner implements Support, AgentRunner<Support> {
  private static final String FRONT_DESK_INPUT = "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"],\"additionalProperties\":false}";

  private static final String BILLING_INPUT = "{\"type\":\"object\",\"properties\":{\"problem\":{\"description\":\"the customer's billing problem\",\"type\":\"string\"}},\"required\":[\"problem\"],\"additionalProperties\":false}";

  private static final String TECHNICAL_INPUT = "{\"type\":\"object\",\"properties\":{\"problem\":{\"description\":\"what is broken\",\"type\":\"string\"}},\"required\":[\"problem\"],\"additionalProperties\":false}";

  private static final AgentGraph GRAPH = AgentGraph.builder("Support")
      .llmAgent("frontDesk", a -> a
          .instructions("You are the front desk. Hand billing problems to billing and technical\n"
              + "problems to technical. When a specialist reports back, answer the customer.")
          .input("message", String.class)
          .inputSchema(FRONT_DESK_INPUT))
      .llmAgent("billing", a -> a
          .instructions("You resolve billing problems.")
          .description("Resolves invoices, refunds and payments.")
          .input("problem", String.class, "the customer's billing problem")
          .inputSchema(BILLING_INPUT)
          .tools(BillingToolsTools.SPECS))
      .llmAgent("technical", a -> a
          .instructions("You fix technical problems.")
          .description("Diagnoses technical problems.")
          .input("problem", String.class, "what is broken")
          .inputSchema(TECHNICAL_INPUT))
      .handoff("frontDesk", "billing", true)
      .handoff("frontDesk", "technical", true, "Hand over bugs and outages.")
      .graph();

  private final Orchestrator orchestrator;

  private SupportRunner(Orchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  @Override
  public String frontDesk(String message) {
    return orchestrator.call("frontDesk", new Object[] {message});
  }

  @Override
  public String billing(String problem) {
    return orchestrator.call("billing", new Object[] {problem});
  }

  @Override
  public String technical(String problem) {
    return orchestrator.call("technical", new Object[] {problem});
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
  public <R> Run<R> start(Function<? super Support, ? extends R> call) {
    Objects.requireNonNull(call, "call");
    return orchestrator.start(() -> call.apply(this));
  }

  @Override
  public SupportRunner with(RunOptions options) {
    return new SupportRunner(orchestrator.with(options));
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
   * Builds a {@link SupportRunner}.
   */
  public static final class Builder implements RunnerBuilder<Support> {
    private Model model;

    private RunOptions options = RunOptions.defaults();

    private BillingTools billingTools;

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
     * Sets the instance whose {@code @Tool} methods the agents call; by default a new {@link BillingTools}.
     *
     * @param billingTools the instance
     * @return this
     */
    public Builder billingTools(BillingTools billingTools) {
      this.billingTools = Objects.requireNonNull(billingTools, "billingTools");
      return this;
    }

    /**
     * The tool classes of this system, in declaration order.
     *
     * @return the classes
     */
    @Override
    public List<Class<?>> toolClasses() {
      return List.of(BillingTools.class);
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
      if (toolClass == BillingTools.class && instance instanceof BillingTools t) {
        return billingTools(t);
      }
      throw new IllegalArgumentException("not a tool class of Support with a matching instance: " + toolClass.getName() + " given " + instance.getClass().getName());
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     * @throws IllegalStateException if the model is missing, or an instance of a tool class
     *     that cannot be created
     */
    @Override
    public SupportRunner build() {
      BillingTools billingTools = this.billingTools != null ? this.billingTools : new BillingTools();
      Orchestrator.Builder orchestrator = Orchestrator.builder(GRAPH).options(options)
          .tools("com.acme.BillingTools", new BillingToolsTools(billingTools));
      if (model != null) {
        orchestrator.model(model);
      }
      return new SupportRunner(orchestrator.build());
    }
  }
}
