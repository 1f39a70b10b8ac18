package dev.baton.runtime.model;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentKind;
import dev.baton.graph.AgentSpec;
import dev.baton.graph.internal.Suggestions;
import dev.baton.runtime.RunSetupException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A model that answers from a script, per agent: the offline model of the examples and the base of
 * tests and benchmarks. Each model call of an agent takes that agent's next step (reply, call
 * tools, hand off, fail, after an optional latency); every request is recorded. Thread-safe.
 *
 * <pre>{@code
 * ScriptedModel model = ScriptedModel.builder()
 *     .agent("frontDesk", s -> s
 *         .handoff("billing", "{\"problem\": \"charged twice\"}")
 *         .reply("Billing has refunded the duplicate charge."))
 *     .agent("billing", s -> s
 *         .call("refund", "{\"orderId\": \"A-17\"}")
 *         .reply("Refunded order A-17."))
 *     .build();
 * }</pre>
 */
public final class ScriptedModel implements Model {
  /** One scripted answer. */
  @FunctionalInterface
  private interface Step {
    ModelResponse answer(ModelRequest request, ModelListener listener, int call);
  }

  private record Timed(Duration latency, CountDownLatch gate, Step step) {}

  private final Map<String, List<Timed>> scripts;
  private final Map<String, List<Timed>> pathScripts;
  private final Map<String, Function<ModelRequest, ModelResponse>> otherwise;
  private final Function<ModelRequest, ModelResponse> fallback;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Integer> positions = new HashMap<>();
  private final List<ModelRequest> requests = new ArrayList<>();

  private ScriptedModel(Builder b) {
    Map<String, List<Timed>> s = new HashMap<>();
    b.scripts.forEach((k, v) -> s.put(k, List.copyOf(v.steps)));
    this.scripts = Map.copyOf(s);
    Map<String, List<Timed>> ps = new HashMap<>();
    b.pathScripts.forEach((k, v) -> ps.put(k, List.copyOf(v.steps)));
    this.pathScripts = Map.copyOf(ps);
    Map<String, Function<ModelRequest, ModelResponse>> o = new HashMap<>();
    b.scripts.forEach((k, v) -> {
      if (v.otherwise != null) {
        o.put(k, v.otherwise);
      }
    });
    this.otherwise = Map.copyOf(o);
    this.fallback = b.fallback;
  }

  /** A new script. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A tool call for {@link Script#calls(ToolCall...)}, with an id made from the tool name.
   *
   * @param tool the tool name
   * @param arguments the arguments as a JSON object text
   * @return the call
   */
  public static ToolCall toolCall(String tool, String arguments) {
    return new ToolCall("", tool, arguments);
  }

  @Override
  public ModelResponse respond(ModelRequest request, ModelListener listener) throws InterruptedException {
    Timed step;
    int position;
    lock.lock();
    try {
      requests.add(request);
      // A path script answers every call of that one invocation, in order, whatever the other
      // invocations of the same agent do at the same time: deterministic under concurrency.
      List<Timed> byPath = pathScripts.get(request.path());
      if (byPath != null) {
        position = positions.merge("path:" + request.path(), 1, Integer::sum);
        step = position <= byPath.size() ? byPath.get(position - 1) : null;
      } else {
        position = positions.merge(request.agent(), 1, Integer::sum);
        List<Timed> script = scripts.getOrDefault(request.agent(), List.of());
        step = position <= script.size() ? script.get(position - 1) : null;
      }
    } finally {
      lock.unlock();
    }
    if (step == null) {
      Function<ModelRequest, ModelResponse> f = otherwise.getOrDefault(request.agent(), fallback);
      if (f == null) {
        // A script too short is a mistake in the test or example, not a model failure: the run fails.
        String misspelt = scripts.containsKey(request.agent()) ? ""
            : Suggestions.closest(request.agent(), scripts.keySet())
                .map(k -> " (the script for \"" + k + "\" may be meant for it)")
                .or(() -> pathMeantFor(request.path()))
                .orElse("");
        throw new RunSetupException(request.runId(), request.path(), "ScriptedModel has no step "
            + position + " for agent \"" + request.agent() + "\"; its script has "
            + scripts.getOrDefault(request.agent(), List.of()).size() + " steps" + misspelt
            + ": add steps, .otherwise(...) for the agent, or .fallback(...)");
      }
      return streamed(f.apply(request), listener);
    }
    if (step.gate() != null) {
      step.gate().await();
    }
    if (!step.latency().isZero()) {
      Thread.sleep(step.latency());
    } else if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException();
    }
    return step.step().answer(request, listener, position);
  }

  // A final answer reaches the listener as a real streaming model's would.
  private static ModelResponse streamed(ModelResponse response, ModelListener listener) {
    if (response != null && !response.hasToolCalls() && !response.text().isEmpty()) {
      listener.onTextDelta(response.text());
    }
    return response;
  }

  /** Every request received, in order. */
  public List<ModelRequest> requests() {
    lock.lock();
    try {
      return List.copyOf(requests);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The requests made by one agent, in order.
   *
   * @param agent the agent's name
   * @return its requests
   */
  public List<ModelRequest> requests(String agent) {
    return requests().stream().filter(r -> r.agent().equals(agent)).toList();
  }

  /** How many requests were received. */
  public int callCount() {
    lock.lock();
    try {
      return requests.size();
    } finally {
      lock.unlock();
    }
  }

  // An unused path script whose path is close to this call's path, or that names the same agent.
  private Optional<String> pathMeantFor(String path) {
    if (pathScripts.containsKey(path)) {
      return Optional.empty();
    }
    String agent = agentOf(path);
    return Suggestions.closest(path, pathScripts.keySet())
        .or(() -> new TreeSet<>(pathScripts.keySet()).stream()
            .filter(p -> agentOf(p).equals(agent)).findFirst())
        .map(p -> " (the script for path \"" + p + "\" may be meant for it; this call's path is \""
            + path + "\")");
  }

  // The agent an invocation path ends at: its last segment, without a fan-out index or a repeat.
  private static String agentOf(String path) {
    return path.substring(Math.max(path.lastIndexOf('/'), Math.max(path.lastIndexOf('>'),
        path.lastIndexOf('+'))) + 1).replaceAll("[#@\\[].*$", ""); // repeats #2, elements [3]
  }

  /**
   * Checks this model's scripts against a graph it is about to serve, so that a misspelt agent name
   * fails when the runner is built instead of leaving the real agent without steps. Runners and
   * {@code Orchestrator}s call it from {@code build()}. One model may serve several graphs (one
   * {@code Model} bean for every runner of an application), so a name that is simply not in this
   * graph may belong to another; reported are the names that cannot be meant for this graph's
   * runs as they are:
   * <ul>
   *   <li>a code agent or fan-out of the graph, which never calls the model;
   *   <li>a name close to an LLM agent of the graph that has no script of its own (a typo);
   *   <li>every unknown name, when no scripted name is an LLM agent of the graph and there is no
   *       {@linkplain Builder#fallback fallback}: then the model cannot answer this graph at all.
   * </ul>
   * A {@linkplain Builder#path path script} is checked by the agent its path ends at, by the same
   * rules.
   *
   * @param graph the graph the model is about to serve
   * @throws IllegalStateException naming each such script, with the closest agent name where one
   *     is close
   */
  public void checkAgents(AgentGraph graph) {
    List<String> llmAgents = graph.agents().stream().filter(a -> a.kind() == AgentKind.LLM)
        .map(AgentSpec::name).toList();
    List<String> unscripted = llmAgents.stream().filter(a -> !scripts.containsKey(a)).toList();
    Set<String> pathAgents = new HashSet<>();
    pathScripts.keySet().forEach(p -> pathAgents.add(agentOf(p)));
    boolean servesNone = fallback == null && !llmAgents.isEmpty()
        && llmAgents.stream().noneMatch(a -> scripts.containsKey(a) || pathAgents.contains(a));
    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(scripts.keySet())) {
      if (llmAgents.contains(name)) {
        continue;
      }
      Optional<AgentSpec> other = graph.findAgent(name);
      Optional<String> typo = Suggestions.closest(name, unscripted);
      if (other.isPresent()) {
        problems.add("\"" + name + "\", a " + (other.get().kind() == AgentKind.CODE ? "code agent"
            : "fan-out") + ", which never calls the model");
      } else if (typo.isPresent() || servesNone) {
        problems.add("\"" + name + "\", which is not an agent of " + graph.name()
            + typo.map(c -> "; did you mean \"" + c + "\"?").orElse("; its LLM agents are " + llmAgents));
      }
    }
    // A path script is checked by the agent its path ends at, as an agent script is by its name.
    for (String path : new TreeSet<>(pathScripts.keySet())) {
      String name = agentOf(path);
      if (llmAgents.contains(name)) {
        continue;
      }
      Optional<AgentSpec> other = graph.findAgent(name);
      Optional<String> typo = Suggestions.closest(name, llmAgents);
      String which = "path \"" + path + "\", whose agent \"" + name + "\"";
      if (other.isPresent()) {
        problems.add(which + " is a " + (other.get().kind() == AgentKind.CODE ? "code agent"
            : "fan-out") + ", which never calls the model");
      } else if (typo.isPresent() || servesNone) {
        problems.add(which + " is not an agent of " + graph.name()
            + typo.map(c -> "; did you mean \"" + c + "\"?").orElse("; its LLM agents are " + llmAgents));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("ScriptedModel has a script for " + String.join(", and for ",
          problems));
    }
  }

  @Override
  public String toString() {
    return "ScriptedModel" + scripts.keySet();
  }

  /** Builds a {@link ScriptedModel}. */
  public static final class Builder {
    private final Map<String, Script> scripts = new HashMap<>();
    private final Map<String, Script> pathScripts = new HashMap<>();
    private Function<ModelRequest, ModelResponse> fallback;

    private Builder() {}

    /**
     * Scripts one agent's model calls, in order.
     *
     * @param agent the agent's name
     * @param script adds its steps
     * @return this
     */
    public Builder agent(String agent, Consumer<Script> script) {
      script.accept(scripts.computeIfAbsent(Objects.requireNonNull(agent, "agent"), Script::new));
      return this;
    }

    /**
     * Scripts the model calls of one invocation, by its agent path (e.g. {@code review/security},
     * {@code frontDesk>billing#2}), in order. A path script takes precedence over the agent's
     * script and counts its steps apart, so concurrent invocations of one agent (two branches, a
     * fan-out over one agent, a repeated delegate) each get exactly their own steps, whichever
     * thread comes first. Once its steps are used up, the agent's {@code otherwise} or the
     * fallback answers.
     *
     * @param path the invocation's path, as in {@link ModelRequest#path()}
     * @param script adds its steps
     * @return this
     */
    public Builder path(String path, Consumer<Script> script) {
      Objects.requireNonNull(path, "path");
      script.accept(pathScripts.computeIfAbsent(path, p -> new Script(agentOf(p))));
      return this;
    }

    /**
     * Answers every call that has no scripted step.
     *
     * @param answer computes the answer from the request
     * @return this
     */
    public Builder fallback(Function<ModelRequest, ModelResponse> answer) {
      this.fallback = Objects.requireNonNull(answer, "answer");
      return this;
    }

    /** The model. */
    public ScriptedModel build() {
      return new ScriptedModel(this);
    }
  }

  /** The steps of one agent. */
  public static final class Script {
    private final String agent;
    private final List<Timed> steps = new ArrayList<>();
    private Duration latency = Duration.ZERO;
    private Function<ModelRequest, ModelResponse> otherwise;

    private Script(String agent) {
      this.agent = agent;
    }

    private CountDownLatch gate;

    private Script add(Step step) {
      steps.add(new Timed(latency, gate, step));
      latency = Duration.ZERO;
      gate = null;
      return this;
    }

    /**
     * Makes the next step wait (interruptibly, like a slow model) until {@code gate} opens, so a
     * test decides when a model call ends instead of guessing with a latency.
     *
     * @param gate the latch to wait for
     * @return this
     */
    public Script waitFor(CountDownLatch gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * Waits before the next step answers (interruptibly, like a slow model).
     *
     * @param value the latency
     * @return this
     */
    public Script delay(Duration value) {
      this.latency = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Gives a final answer (text, or JSON for structured output), streamed as one delta.
     *
     * @param text the answer
     * @return this
     */
    public Script reply(String text) {
      return add((request, listener, call) -> {
        listener.onTextDelta(text);
        return ModelResponse.text(text);
      });
    }

    /**
     * Gives a final answer streamed in pieces, each a text delta.
     *
     * @param chunks the pieces, concatenated into the answer
     * @return this
     */
    public Script stream(String... chunks) {
      return add((request, listener, call) -> {
        for (String c : chunks) {
          listener.onTextDelta(c);
        }
        return ModelResponse.text(String.join("", chunks));
      });
    }

    /**
     * Calls one tool (or handoff or delegate tool) in one turn.
     *
     * @param tool the tool name
     * @param arguments the arguments as a JSON object text
     * @return this
     */
    public Script call(String tool, String arguments) {
      return calls(toolCall(tool, arguments));
    }

    /**
     * Calls several tools in one turn; they run concurrently.
     *
     * @param calls the calls (see {@link ScriptedModel#toolCall(String, String)})
     * @return this
     */
    public Script calls(ToolCall... calls) {
      List<ToolCall> list = List.of(calls);
      return add((request, listener, call) -> {
        List<ToolCall> withIds = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          ToolCall c = list.get(i);
          String id = c.id().isEmpty() ? "call_" + agent + "_" + call + "_" + (i + 1) : c.id();
          withIds.add(new ToolCall(id, c.name(), c.arguments()));
        }
        return ModelResponse.toolCalls(withIds);
      });
    }

    /**
     * Hands the conversation to another agent ({@code transfer_to_<agent>}).
     *
     * @param target the target agent
     * @param arguments the target's arguments as a JSON object text
     * @return this
     */
    public Script handoff(String target, String arguments) {
      return call("transfer_to_" + target, arguments);
    }

    /**
     * Calls an agent offered as a tool with {@code @Delegate}.
     *
     * @param tool the delegate's tool name (by default the target agent's name)
     * @param arguments the target's arguments as a JSON object text
     * @return this
     */
    public Script delegate(String tool, String arguments) {
      return call(tool, arguments);
    }

    /**
     * Throws from the model call, like a provider failure.
     *
     * @param failure what to throw
     * @return this
     */
    public Script fail(RuntimeException failure) {
      Objects.requireNonNull(failure, "failure");
      return add((request, listener, call) -> {
        throw failure;
      });
    }

    /**
     * Answers with a function of the request, e.g. to echo the input.
     *
     * @param answer computes the answer
     * @return this
     */
    public Script respond(Function<ModelRequest, ModelResponse> answer) {
      Objects.requireNonNull(answer, "answer");
      return add((request, listener, call) -> streamed(answer.apply(request), listener));
    }

    /**
     * Answers every call after the scripted steps.
     *
     * @param answer computes the answer
     * @return this
     */
    public Script otherwise(Function<ModelRequest, ModelResponse> answer) {
      this.otherwise = Objects.requireNonNull(answer, "answer");
      return this;
    }
  }
}
