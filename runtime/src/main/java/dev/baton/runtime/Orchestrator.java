package dev.baton.runtime;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentKind;
import dev.baton.graph.AgentSpec;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.internal.Engine;
import dev.baton.runtime.internal.RunImpl;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ScriptedModel;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Runs an {@link AgentGraph}: the engine behind every generated runner, and the way to run graphs
 * built at run time with {@code Object} or JSON inputs. Immutable and thread-safe; {@link
 * #with(RunOptions)} derives variants that share the model and tools.
 *
 * <pre>{@code
 * Orchestrator o = Orchestrator.builder(graph).model(model).build();
 * String answer = o.call("frontDesk", "I was charged twice");
 * Run<Object> run = o.start("frontDesk", "I was charged twice");
 * }</pre>
 *
 * <p>A call made while a run is executing on the current thread (from a code agent's body or a
 * tool) joins that run as a child invocation; any other call starts a run of its own.
 */
public final class Orchestrator {
  private final Engine engine;
  private final RunOptions options;

  private Orchestrator(Engine engine, RunOptions options) {
    this.engine = engine;
    this.options = options;
  }

  /**
   * Starts an orchestrator for a validated graph.
   *
   * @param graph the graph
   * @return a builder
   */
  public static Builder builder(AgentGraph graph) {
    return new Builder(graph);
  }

  /** The graph it runs. */
  public AgentGraph graph() {
    return engine.graph();
  }

  /**
   * The model its LLM agents call, for integrations that make the calls elsewhere (a durable
   * engine's activities on a worker).
   *
   * @return the model, empty if the graph has no LLM agents and none was set
   */
  public Optional<Model> model() {
    return Optional.ofNullable(engine.model());
  }

  /**
   * The invoker of one tool class's tools, for integrations that make the calls elsewhere.
   *
   * @param owner the tool class's qualified name ({@link ToolSpec#owner()})
   * @return the invoker, empty if the graph has no tools of that class
   */
  public Optional<ToolInvoker> toolInvoker(String owner) {
    return Optional.ofNullable(engine.tool(owner));
  }

  /**
   * The toolset bound under a name, for integrations that make its calls elsewhere.
   *
   * @param name the name agents list in {@code @Agent(toolsets = ...)}
   * @return the toolset, empty if none is bound under that name
   */
  public Optional<Toolset> toolset(String name) {
    return Optional.ofNullable(engine.toolset(name));
  }

  /** The options of its runs. */
  public RunOptions options() {
    return options;
  }

  /**
   * An orchestrator sharing this one's model, tools and code agents, with other run options.
   *
   * @param newOptions the options
   * @return the variant
   */
  public Orchestrator with(RunOptions newOptions) {
    return new Orchestrator(engine, Objects.requireNonNull(newOptions, "options"));
  }

  /**
   * Invokes an agent and waits for its output. Inside a run on this thread, the invocation is a
   * child of the current agent; otherwise a new run executes on this thread.
   *
   * @param agent the agent's name
   * @param arguments its arguments in parameter order (pass an explicit {@code Object[]})
   * @param <R> the output type (for a fan-out, {@code Results<T>})
   * @return the output
   * @throws AgentException if the invocation fails
   */
  public <R> R call(String agent, Object... arguments) {
    return engine.call(this, options, agent, arguments, null);
  }

  /**
   * Starts a run of one agent on a virtual thread.
   *
   * @param agent the entry agent
   * @param arguments its arguments in parameter order
   * @return the run
   */
  public Run<Object> start(String agent, Object... arguments) {
    engine.graph().agent(agent);
    return start(() -> call(agent, arguments));
  }

  /**
   * Starts a run of one agent with arguments given as a JSON object by parameter name, bound to the
   * agent's parameter types.
   *
   * @param agent the entry agent
   * @param argumentsJson e.g. {@code {"message": "I was charged twice"}}
   * @return the run
   * @throws IllegalArgumentException if the JSON does not fit the agent's parameters
   */
  public Run<Object> startJson(String agent, String argumentsJson) {
    Object[] arguments = engine.bindArguments(agent, argumentsJson);
    return start(() -> call(agent, arguments));
  }

  /**
   * Starts a run on a virtual thread whose entry is arbitrary code calling agents of this
   * orchestrator (what generated runners' {@code start(s -> s.frontDesk(...))} does).
   *
   * @param entry calls one or more agents
   * @param <R> the result type
   * @return the run
   */
  public <R> Run<R> start(Callable<? extends R> entry) {
    RunImpl<R> run = engine.newRun(this, options, null);
    run.startAsync(entry);
    return run;
  }

  /**
   * Continues a run from its state on a virtual thread. Journaled steps return their recorded
   * results without calling the model or tools; the first step past the journal runs live.
   *
   * @param state the state, e.g. from {@link RunState#fromJson(String)}
   * @return the resumed run
   * @throws IllegalArgumentException if the state belongs to another graph
   * @throws InvalidRunStateException if the state's journal is not one its run could have written,
   *     or the options' store holds, beyond what {@link RunState#fromStore} read, an entry whose
   *     value is not JSON (each named by its position and key)
   */
  public Run<Object> resume(RunState state) {
    return engine.resume(options, state, this, this::call,
        state.readFrom(options.journalStore().orElse(null)));
  }

  @Override
  public String toString() {
    return "Orchestrator[" + engine.graph().name() + ", " + options + "]";
  }

  /** Builds an {@link Orchestrator}. */
  public static final class Builder {
    private final AgentGraph graph;
    private final Map<String, ToolInvoker> tools = new LinkedHashMap<>();
    private final Map<String, CodeAgent> codeAgents = new LinkedHashMap<>();
    private final Map<String, Toolset> toolsets = new LinkedHashMap<>();
    private Model model;
    private RunOptions options = RunOptions.defaults();

    private Builder(AgentGraph graph) {
      this.graph = Objects.requireNonNull(graph, "graph");
    }

    /**
     * Sets the model every LLM agent calls.
     *
     * @param value the model, e.g. {@code Models.fromEnv()} or a {@code ScriptedModel}
     * @return this
     */
    public Builder model(Model value) {
      this.model = Objects.requireNonNull(value, "model");
      return this;
    }

    /**
     * Sets the options of runs.
     *
     * @param value the options
     * @return this
     */
    public Builder options(RunOptions value) {
      this.options = Objects.requireNonNull(value, "options");
      return this;
    }

    /**
     * Sets the invoker of the tools whose {@link ToolSpec#owner()} is {@code owner}.
     *
     * @param owner the tool class's qualified name
     * @param invoker executes its tools
     * @return this
     */
    public Builder tools(String owner, ToolInvoker invoker) {
      tools.put(Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(invoker, "invoker"));
      return this;
    }

    /**
     * Binds a toolset that agents name in {@code @Agent(toolsets = ...)}.
     *
     * @param name the toolset name
     * @param toolset its tools, e.g. an MCP server's
     * @return this
     */
    public Builder toolset(String name, Toolset toolset) {
      toolsets.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(toolset, "toolset"));
      return this;
    }

    /**
     * Sets the body of a code agent of a graph built at run time.
     *
     * @param agent the code agent's name
     * @param body its body
     * @return this
     */
    public Builder codeAgent(String agent, CodeAgent body) {
      codeAgents.put(Objects.requireNonNull(agent, "agent"), Objects.requireNonNull(body, "body"));
      return this;
    }

    /**
     * Builds the orchestrator.
     *
     * @return the orchestrator
     * @throws IllegalStateException naming what is missing: the model (if the graph has LLM
     *     agents), the invoker of a tool class or a toolset; or naming a toolset that cannot list
     *     its tools, or a toolset tool whose name clashes with another tool of the same agent; or
     *     naming a {@link ScriptedModel}'s script for an agent that is not an LLM agent of the graph
     */
    public Orchestrator build() {
      Set<String> missing = new LinkedHashSet<>();
      Set<String> missingToolsets = new LinkedHashSet<>();
      boolean needsModel = false;
      for (AgentSpec a : graph.agents()) {
        needsModel |= a.kind() == AgentKind.LLM;
        for (ToolSpec t : a.tools()) {
          if (!tools.containsKey(t.owner())) {
            missing.add(t.owner());
          }
        }
        for (String t : a.toolsets()) {
          if (!toolsets.containsKey(t)) {
            missingToolsets.add(t + "\" (listed by \"" + a.name() + "\")");
          }
        }
      }
      if (!missingToolsets.isEmpty()) {
        throw new IllegalStateException("no toolset bound for \"" + String.join(", \"", missingToolsets)
            + " in " + graph.name() + "; bind one with builder().toolset(name, toolset), e.g. an"
            + " McpToolset");
      }
      if (needsModel && model == null) {
        throw new IllegalStateException("no model for " + graph.name() + "; set one with"
            + " .model(Models.fromEnv()) or .model(ScriptedModel.builder()...build())");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("no tool instance for " + missing + " in " + graph.name()
            + "; pass one to the builder (tool classes without a public no-argument constructor"
            + " cannot be created automatically)");
      }
      if (model instanceof ScriptedModel scripted) {
        scripted.checkAgents(graph);
      }
      Engine engine = new Engine(graph, model, tools, codeAgents, toolsets);
      engine.checkToolsets();
      return new Orchestrator(engine, options);
    }
  }
}
