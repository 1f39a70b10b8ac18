package dev.baton.graph;

import dev.baton.graph.internal.Suggestions;
import dev.baton.History;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An agent system: its agents and the edges between them. Immutable and thread-safe.
 *
 * <p>Generated runners build their graph once through {@link #builder(String)}; graphs known only
 * at run time are built the same way and run by the runtime's {@code Orchestrator}.
 *
 * <pre>{@code
 * AgentGraph graph = AgentGraph.builder("Support")
 *     .llmAgent("frontDesk", a -> a.instructions("You are the front desk.")
 *         .input("message", String.class).output(String.class))
 *     .llmAgent("billing", a -> a.instructions("You resolve billing problems.")
 *         .description("Resolves invoices.").input("problem", String.class).output(String.class))
 *     .handoff("frontDesk", "billing", true)
 *     .build();
 * }</pre>
 */
public final class AgentGraph {
  private final String name;
  private final List<AgentSpec> agents;
  private final Map<String, AgentSpec> byName;
  private final List<Edge> edges;
  private final Map<String, List<Edge>> edgesFrom;

  private AgentGraph(String name, List<AgentSpec> agents, List<Edge> edges) {
    this.name = name;
    this.agents = List.copyOf(agents);
    this.edges = List.copyOf(edges);
    Map<String, AgentSpec> index = new LinkedHashMap<>();
    for (AgentSpec a : this.agents) {
      index.putIfAbsent(a.name(), a);
    }
    this.byName = Collections.unmodifiableMap(index);
    Map<String, List<Edge>> from = new LinkedHashMap<>();
    for (Edge e : this.edges) {
      from.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
    }
    from.replaceAll((k, v) -> List.copyOf(v));
    this.edgesFrom = Collections.unmodifiableMap(from);
  }

  /**
   * Starts a graph.
   *
   * @param name the system's name, e.g. the interface's simple name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The system's name. */
  public String name() {
    return name;
  }

  /** The agents in declaration order. */
  public List<AgentSpec> agents() {
    return agents;
  }

  /** The agents by name, in declaration order. */
  public Map<String, AgentSpec> agentsByName() {
    return byName;
  }

  /**
   * An agent by name.
   *
   * @param agentName the name
   * @return the agent
   * @throws NoSuchElementException naming the closest agent, if there is none by that name
   */
  public AgentSpec agent(String agentName) {
    AgentSpec a = byName.get(agentName);
    if (a == null) {
      throw new NoSuchElementException("\"" + agentName + "\" is not an agent of " + name
          + Suggestions.didYouMean(agentName, byName.keySet()));
    }
    return a;
  }

  /**
   * An agent by name, if it exists.
   *
   * @param agentName the name
   * @return the agent or empty
   */
  public Optional<AgentSpec> findAgent(String agentName) {
    return Optional.ofNullable(byName.get(agentName));
  }

  /** All edges in declaration order. */
  public List<Edge> edges() {
    return edges;
  }

  /**
   * The edges leaving one agent, in declaration order.
   *
   * @param agentName the source agent
   * @return its edges, possibly none
   */
  public List<Edge> edgesFrom(String agentName) {
    return edgesFrom.getOrDefault(agentName, List.of());
  }

  /** The graph as a Mermaid flowchart, for docs and reviews. */
  public String toMermaid() {
    return MermaidWriter.write(this);
  }

  @Override
  public String toString() {
    return "AgentGraph[" + name + ", " + agents.size() + " agents, " + edges.size() + " edges]";
  }

  /** Builds an {@link AgentGraph}; {@link #build()} validates it. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<AgentSpec> agents = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private TypeOracle oracle = TypeOracle.reflection();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Adds an LLM agent.
     *
     * @param agentName its name
     * @param spec sets its instructions, inputs, output and options
     * @return this builder
     */
    public Builder llmAgent(String agentName, Consumer<AgentBuilder> spec) {
      return agent(agentName, AgentKind.LLM, spec);
    }

    /**
     * Adds a code agent (its body is supplied to the runtime when it runs).
     *
     * @param agentName its name
     * @param spec sets its inputs and output
     * @return this builder
     */
    public Builder codeAgent(String agentName, Consumer<AgentBuilder> spec) {
      return agent(agentName, AgentKind.CODE, spec);
    }

    /**
     * Adds a fan-out; set its branches with {@link AgentBuilder#parallel(String...)} and its
     * element type with {@link AgentBuilder#output(Type)}.
     *
     * @param agentName its name
     * @param spec sets its branches, timeout, inputs and element type
     * @return this builder
     */
    public Builder fanOut(String agentName, Consumer<AgentBuilder> spec) {
      return agent(agentName, AgentKind.FAN_OUT, spec);
    }

    private Builder agent(String agentName, AgentKind kind, Consumer<AgentBuilder> spec) {
      AgentBuilder b = new AgentBuilder(agentName, kind);
      spec.accept(b);
      return agent(b.build());
    }

    /**
     * Adds an agent specified elsewhere, e.g. by a compiler.
     *
     * @param agent the agent
     * @return this builder
     */
    public Builder agent(AgentSpec agent) {
      agents.add(Objects.requireNonNull(agent, "agent"));
      if (agent.parallel() != null) {
        for (String branch : agent.parallel().agents()) {
          edges.add(new Edge(EdgeKind.BRANCH, agent.name(), branch, "", ""));
        }
      }
      return this;
    }

    /**
     * Lets {@code from}'s model hand the conversation to {@code to}.
     *
     * @param from the source LLM agent
     * @param to the target agent
     * @param back whether the target's output comes back to the source as a tool result
     * @return this builder
     */
    public Builder handoff(String from, String to, boolean back) {
      return handoff(from, to, back, "");
    }

    /**
     * Lets {@code from}'s model hand the conversation to {@code to}, with a tool description.
     *
     * @param from the source LLM agent
     * @param to the target agent
     * @param back whether the target's output comes back to the source as a tool result
     * @param description what the model is told about the handoff; empty for the target's
     * @return this builder
     */
    public Builder handoff(String from, String to, boolean back, String description) {
      edges.add(new Edge(back ? EdgeKind.HANDOFF_BACK : EdgeKind.HANDOFF, from, to,
          Edge.handoffTool(to), description));
      return this;
    }

    /**
     * Offers {@code to} as a tool of {@code from}, named after {@code to}.
     *
     * @param from the calling LLM agent
     * @param to the agent offered as a tool
     * @return this builder
     */
    public Builder delegate(String from, String to) {
      return delegate(from, to, "", "");
    }

    /**
     * Offers {@code to} as a tool of {@code from}.
     *
     * @param from the calling LLM agent
     * @param to the agent offered as a tool
     * @param tool the tool name; empty for {@code to}
     * @param description the tool description; empty for the target's
     * @return this builder
     */
    public Builder delegate(String from, String to, String tool, String description) {
      edges.add(new Edge(EdgeKind.DELEGATE, from, to, tool == null || tool.isEmpty() ? to : tool,
          description));
      return this;
    }

    /**
     * Records that code agent {@code from} calls {@code to} (for cycle checks and diagrams).
     *
     * @param from the code agent
     * @param to the agent it calls
     * @return this builder
     */
    public Builder call(String from, String to) {
      edges.add(new Edge(EdgeKind.CALL, from, to, "", ""));
      return this;
    }

    /**
     * Sets the oracle that answers type questions; {@link TypeOracle#reflection()} by default.
     *
     * @param typeOracle the oracle for the {@link TypeRef}s used
     * @return this builder
     */
    public Builder typeOracle(TypeOracle typeOracle) {
      this.oracle = Objects.requireNonNull(typeOracle, "typeOracle");
      return this;
    }

    /**
     * The graph as specified so far, without validation. Generated runners build their graph with
     * this: the annotation processor ran the same rules at compile time.
     *
     * @return the graph
     */
    public AgentGraph graph() {
      return new AgentGraph(name, agents, edges);
    }

    /** Every problem of the graph as specified so far. */
    public List<Problem> validate() {
      return GraphValidator.validate(graph(), oracle);
    }

    /**
     * Validates and builds the graph.
     *
     * @return the graph
     * @throws InvalidGraphException listing every problem, if any rule is broken
     */
    public AgentGraph build() {
      AgentGraph g = graph();
      List<Problem> problems = GraphValidator.validate(g, oracle);
      if (!problems.isEmpty()) {
        throw new InvalidGraphException(name, problems);
      }
      return g;
    }
  }

  /** Specifies one agent. Not thread-safe. */
  public static final class AgentBuilder {
    private final String name;
    private final AgentKind kind;
    private final List<Input> inputs = new ArrayList<>();
    private final List<ToolSpec> tools = new ArrayList<>();
    private TypeRef output = TypeRef.of(String.class);
    private String instructions = "";
    private String description = "";
    private String prompt = "";
    private String model = "";
    private History history = History.CONVERSATION;
    private int maxTurns = 10;
    private List<String> branches;
    private String timeout = "";
    private boolean failFast;
    private int maxConcurrency;
    private String over = "";
    private String inputSchema;
    private String outputSchema;
    private List<String> toolsets = List.of();

    private AgentBuilder(String name, AgentKind kind) {
      this.name = Objects.requireNonNull(name, "name");
      this.kind = kind;
    }

    /**
     * Sets the instructions: the system prompt of an LLM agent.
     *
     * @param text the system prompt
     * @return this
     */
    public AgentBuilder instructions(String text) {
      this.instructions = text;
      return this;
    }

    /**
     * Sets the description that handoff and delegate tools show the model.
     *
     * @param text what callers and models are told the agent does
     * @return this
     */
    public AgentBuilder description(String text) {
      this.description = text;
      return this;
    }

    /**
     * Sets the user-message template; each placeholder names a parameter.
     *
     * @param template the user-message template with {@code {param}} placeholders
     * @return this
     */
    public AgentBuilder prompt(String template) {
      this.prompt = template;
      return this;
    }

    /**
     * Sets the model name this agent asks for, overriding the model's default.
     *
     * @param modelName the model name for this agent
     * @return this
     */
    public AgentBuilder model(String modelName) {
      this.model = modelName;
      return this;
    }

    /**
     * Sets what the agent sees of its branch's conversation.
     *
     * @param h what the agent sees of the conversation
     * @return this
     */
    public AgentBuilder history(History h) {
      this.history = h;
      return this;
    }

    /**
     * Bounds the model calls of one invocation (default 10).
     *
     * @param n the most model calls per invocation
     * @return this
     */
    public AgentBuilder maxTurns(int n) {
      this.maxTurns = n;
      return this;
    }

    /**
     * Adds a parameter.
     *
     * @param inputName its name
     * @param type its type
     * @return this
     */
    public AgentBuilder input(String inputName, Type type) {
      return input(inputName, TypeRef.of(type), "");
    }

    /**
     * Adds a described parameter.
     *
     * @param inputName its name
     * @param type its type
     * @param text its description for the model
     * @return this
     */
    public AgentBuilder input(String inputName, Type type, String text) {
      return input(inputName, TypeRef.of(type), text);
    }

    /**
     * Adds a parameter of any type representation.
     *
     * @param inputName its name
     * @param type its type
     * @param text its description for the model
     * @return this
     */
    public AgentBuilder input(String inputName, TypeRef type, String text) {
      inputs.add(new Input(inputName, type, text));
      return this;
    }

    /**
     * Sets the output type (default {@code String}).
     *
     * @param type the return type ({@code T} of {@code Results<T>} for a fan-out)
     * @return this
     */
    public AgentBuilder output(Type type) {
      return output(TypeRef.of(type));
    }

    /**
     * Sets the output type, in any type representation.
     *
     * @param type the return type of any representation
     * @return this
     */
    public AgentBuilder output(TypeRef type) {
      this.output = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Adds tools the agent's model may call, e.g. every tool of one tool class.
     *
     * @param toolSpecs the tools
     * @return this
     */
    public AgentBuilder tools(List<ToolSpec> toolSpecs) {
      toolSpecs.forEach(this::tool);
      return this;
    }

    /**
     * Adds a tool the agent's model may call.
     *
     * @param tool a tool the agent's model may call
     * @return this
     */
    public AgentBuilder tool(ToolSpec tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /**
     * Names the toolsets (tools bound at run time, e.g. an MCP server's) the agent's model may call.
     *
     * @param names toolset names, each bound by the runner's builder
     * @return this
     */
    public AgentBuilder toolsets(String... names) {
      this.toolsets = List.of(names);
      return this;
    }

    /**
     * Forks branches before the agent runs (or, for a fan-out, as the agent).
     *
     * @param agents the branch agents, in result order
     * @return this
     */
    public AgentBuilder parallel(String... agents) {
      this.branches = List.of(agents);
      return this;
    }

    /**
     * Sets the fork's timeout, in the syntax of {@link dev.baton.Durations#parse}.
     *
     * @param text the fork's timeout, e.g. {@code "20s"}
     * @return this
     */
    public AgentBuilder timeout(String text) {
      this.timeout = text;
      return this;
    }

    /**
     * Sets whether the first failing branch cancels its siblings and fails the fork.
     *
     * @param value whether the first failing branch cancels the others
     * @return this
     */
    public AgentBuilder failFast(boolean value) {
      this.failFast = value;
      return this;
    }

    /**
     * Forks over the elements of an input: the single agent of {@link #parallel(String...)} runs
     * once per element, taking the element as its first input; see {@link dev.baton.Parallel#over()}
     * for the binding rule.
     *
     * @param input the name of a {@code List}, {@code Set} or array input of this agent
     * @return this
     */
    public AgentBuilder over(String input) {
      this.over = Objects.requireNonNull(input, "input");
      return this;
    }

    /**
     * Bounds the branches in flight.
     *
     * @param value the most branches in flight; 0 for no bound
     * @return this
     */
    public AgentBuilder maxConcurrency(int value) {
      this.maxConcurrency = value;
      return this;
    }

    /**
     * Sets the JSON Schema of the agent's inputs; derived from the input types if not set.
     *
     * @param json an object schema as JSON text
     * @return this
     */
    public AgentBuilder inputSchema(String json) {
      this.inputSchema = json;
      return this;
    }

    /**
     * Sets the JSON Schema of the agent's output; derived from the output type if not set.
     *
     * @param json a schema as JSON text; empty for a {@code String} output
     * @return this
     */
    public AgentBuilder outputSchema(String json) {
      this.outputSchema = json;
      return this;
    }

    private static TypeShape shapeOf(TypeRef ref) {
      return ref instanceof JavaTypeRef j ? TypeShape.of(j.type())
          : new TypeShape.Unsupported(ref.displayName());
    }

    private AgentSpec build() {
      ParallelSpec p = branches == null && kind != AgentKind.FAN_OUT
          ? null
          : new ParallelSpec(branches == null ? List.of() : branches, timeout, failFast, maxConcurrency,
              over);
      String in = inputSchema != null ? inputSchema : JsonSchemas.object(inputs.stream()
          .map(i -> new TypeShape.Property(i.name(), i.description(), shapeOf(i.type()))).toList());
      String out = outputSchema != null ? outputSchema
          : output instanceof JavaTypeRef j && j.type() == String.class ? ""
          : JsonSchemas.of(shapeOf(output));
      return new AgentSpec(name, kind, inputs, output, instructions, description, prompt, model,
          tools, history, maxTurns, p, in, out, toolsets);
    }
  }
}
