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
 * The runner of {@link Approval}, generated from its annotations.
 *
 * <p>Create it with {@link #builder()}; every agent method runs through the Baton runtime.
 */
@Generated("dev.baton.processor.BatonProcessor")
@BatonGenerated
public final class ApprovalRunner implements Approval, AgentRunner<Approval> {
  private static final String CLERK_INPUT = "{\"type\":\"object\",\"properties\":{\"request\":{\"type\":\"string\"}},\"required\":[\"request\"],\"additionalProperties\":false}";

  private static final AgentGraph GRAPH = AgentGraph.builder("Approval")
      .llmAgent("clerk", a -> a
          .instructions("Pay the invoices the user names.")
          .input("request", String.class)
          .inputSchema(CLERK_INPUT)
          .tools(Approval_PaymentsTools.SPECS))
      .graph();

  private final Orchestrator orchestrator;

  private ApprovalRunner(Orchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  @Override
  public String clerk(String request) {
    return orchestrator.call("clerk", new Object[] {request});
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
  public <R> Run<R> start(Function<? super Approval, ? extends R> call) {
    Objects.requireNonNull(call, "call");
    return orchestrator.start(() -> call.apply(this));
  }

  @Override
  public ApprovalRunner with(RunOptions options) {
    return new ApprovalRunner(orchestrator.with(options));
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
   * Builds a {@link ApprovalRunner}.
   */
  public static final class Builder implements RunnerBuilder<Approval> {
    private Model model;

    private RunOptions options = RunOptions.defaults();

    private Approval.Payments approvalPayments;

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
     * Sets the instance whose {@code @Tool} methods the agents call; required,
     * because {@link Approval.Payments} has no no-argument constructor this runner can call.
     *
     * @param approvalPayments the instance
     * @return this
     */
    public Builder approvalPayments(Approval.Payments approvalPayments) {
      this.approvalPayments = Objects.requireNonNull(approvalPayments, "approvalPayments");
      return this;
    }

    /**
     * The tool classes of this system, in declaration order.
     *
     * @return the classes
     */
    @Override
    public List<Class<?>> toolClasses() {
      return List.of(Approval.Payments.class);
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
      if (toolClass == Approval.Payments.class && instance instanceof Approval.Payments t) {
        return approvalPayments(t);
      }
      throw new IllegalArgumentException("not a tool class of Approval with a matching instance: " + toolClass.getName() + " given " + instance.getClass().getName());
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     * @throws IllegalStateException if the model is missing, or an instance of a tool class
     *     that cannot be created
     */
    @Override
    public ApprovalRunner build() {
      if (approvalPayments == null) {
        throw new IllegalStateException("no Payments instance for Approval: Payments has no no-argument constructor this runner can call, so pass one with ApprovalRunner.builder().approvalPayments(...)");
      }
      Orchestrator.Builder orchestrator = Orchestrator.builder(GRAPH).options(options)
          .tools("com.acme.Approval.Payments", new Approval_PaymentsTools(approvalPayments));
      if (model != null) {
        orchestrator.model(model);
      }
      return new ApprovalRunner(orchestrator.build());
    }
  }
}
