package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentKind;
import dev.baton.graph.AgentSpec;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.CodeAgent;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunSetupException;
import dev.baton.runtime.RunState;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.ToolInvoker;
import dev.baton.runtime.Toolset;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.AgentArgumentException;
import dev.baton.runtime.CallDepthExceededException;
import dev.baton.runtime.InvalidRunStateException;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.internal.exec.Execution;
import dev.baton.runtime.internal.exec.VirtualThreadExecution;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The shared, immutable part of an {@link Orchestrator}: the graph prepared for running, the model,
 * the tool invokers and code-agent bodies. Invokes agents inside runs.
 */
public final class Engine {
  private final AgentGraph graph;
  final Model model;
  final Map<String, ToolInvoker> tools;
  private final Map<String, CodeAgent> codeAgents;
  final Map<String, Toolset> toolsets;
  private final Map<String, PreparedAgent> prepared = new HashMap<>();
  private final ContextNeeds contextNeeds;

  /**
   * Prepares a graph for running.
   *
   * @param graph the validated graph
   * @param model the model, or null if the graph has no LLM agents
   * @param tools the tool invokers by owner class name
   * @param codeAgents code-agent bodies of run-time graphs, by agent name
   */
  public Engine(AgentGraph graph, Model model, Map<String, ToolInvoker> tools,
      Map<String, CodeAgent> codeAgents) {
    this(graph, model, tools, codeAgents, Map.of());
  }

  /**
   * Prepares a graph for running, with toolsets.
   *
   * @param graph the validated graph
   * @param model the model, or null if the graph has no LLM agents
   * @param tools the tool invokers by owner class name
   * @param codeAgents code-agent bodies of run-time graphs, by agent name
   * @param toolsets the toolsets by the name agents list them under
   */
  public Engine(AgentGraph graph, Model model, Map<String, ToolInvoker> tools,
      Map<String, CodeAgent> codeAgents, Map<String, Toolset> toolsets) {
    this.toolsets = Map.copyOf(toolsets);
    this.graph = graph;
    this.model = model;
    this.tools = Map.copyOf(tools);
    this.codeAgents = Map.copyOf(codeAgents);
    this.contextNeeds = new ContextNeeds(graph);
    for (AgentSpec a : graph.agents()) {
      prepared.put(a.name(), new PreparedAgent(graph, a));
    }
  }

  /**
   * Lists every toolset an agent names and checks that its tools' names clash with no other tool of
   * that agent.
   *
   * @throws IllegalStateException naming the toolset that cannot list its tools, or the clash
   */
  public void checkToolsets() {
    for (PreparedAgent p : prepared.values()) {
      if (!p.spec.toolsets().isEmpty()) {
        ToolMenu.strict(this, p);
      }
    }
  }

  /** The graph. */
  public AgentGraph graph() {
    return graph;
  }

  /** The model, or null. */
  public Model model() {
    return model;
  }

  /** The toolset bound under {@code name}, or null. */
  public Toolset toolset(String name) {
    return toolsets.get(name);
  }

  /** The invoker of the tools of class {@code owner}, or null. */
  public ToolInvoker tool(String owner) {
    return tools.get(owner);
  }

  private volatile Map<String, String> fingerprint;

  /** The graph's fingerprint ({@link GraphFingerprint}), computed on first use. */
  Map<String, String> fingerprint() {
    Map<String, String> f = fingerprint;
    if (f == null) {
      f = Map.copyOf(GraphFingerprint.of(graph));
      fingerprint = f;
    }
    return f;
  }

  PreparedAgent prepared(String agent) {
    PreparedAgent p = prepared.get(agent);
    if (p == null) {
      graph.agent(agent); // throws naming the closest agent
    }
    return p;
  }

  /** A new run, not yet started. */
  public <R> RunImpl<R> newRun(Orchestrator orchestrator, RunOptions options, RunState resumeFrom) {
    return newRun(orchestrator, options, resumeFrom, null);
  }

  /**
   * A new run, not yet started.
   *
   * @param read for a resume, the entries {@code resumeFrom} was read from in the options' store
   *     ({@link RunState#fromStore}), if it was; null otherwise
   */
  <R> RunImpl<R> newRun(Orchestrator orchestrator, RunOptions options, RunState resumeFrom,
      List<JournalEntry> read) {
    Execution execution = executionFor(options);
    String id = resumeFrom != null ? resumeFrom.runId() : "run-" + execution.newId();
    return new RunImpl<>(this, orchestrator, options, id, resumeFrom, read, execution);
  }

  /**
   * The run's execution: an {@link Execution} among the run's context objects (how an integration
   * such as a workflow engine, or a test with a manual clock, plugs in), else a new {@link
   * VirtualThreadExecution} on the system clock.
   */
  private static Execution executionFor(RunOptions options) {
    for (Object o : options.context()) {
      if (o instanceof Execution e) {
        return e;
      }
    }
    return new VirtualThreadExecution();
  }

  /**
   * Invokes an agent for a caller: as a child of the invocation running on this thread, or as the
   * entry of a new run on this thread.
   */
  @SuppressWarnings("unchecked")
  public <R> R call(Orchestrator orchestrator, RunOptions options, String agent, Object[] args,
      Callable<?> body) {
    Object[] arguments = args == null ? new Object[0] : args;
    Frame current = Frame.current();
    if (current != null && current.run.engine == this) {
      return (R) invokeFrom(current, agent, arguments, body);
    }
    RunImpl<R> run = newRun(orchestrator, options, null);
    return run.runInline(() -> (R) invokeFrom(run.rootFrame, agent, arguments, body));
  }

  private Object invokeFrom(Frame parent, String agent, Object[] args, Callable<?> body) {
    if (parent == parent.run.rootFrame && parent.run.options().session().isPresent()
        && parent.run.sessionTurnStarted.compareAndSet(false, true)) {
      return new SessionTurn(this, parent, parent.run.options().session().get())
          .call(agent, args, body);
    }
    PreparedAgent p = prepared(agent);
    if (parent.agent == null) {
      contextNeeds.check(agent, parent.run);
    }
    if (parent.agent == null && !parent.run.hasEntry()) {
      parent.run.recordEntry(agent, args);
    }
    return invoke(parent, p, args, body, parent.childPath("/", agent), parent.conversation);
  }

  /**
   * Runs one invocation at {@code path} on {@code conversation}. A journaled output is returned
   * without running anything.
   */
  Object invoke(Frame parent, PreparedAgent p, Object[] args, Callable<?> body, String path,
      Conversation conversation) {
    return invoke(parent, parent.scope, p, args, body, path, conversation);
  }

  /**
   * {@link #invoke(Frame, PreparedAgent, Object[], Callable, String, Conversation)} in {@code
   * scope} rather than the parent's: a fan-out branch, without a frame of its own for the branch.
   */
  Object invoke(Frame parent, Scope scope, PreparedAgent p, Object[] args, Callable<?> body,
      String path, Conversation conversation) {
    AgentSpec spec = p.spec;
    RunImpl<?> run = parent.run;
    if (args.length != spec.inputs().size()) {
      throw new IllegalArgumentException(spec.name() + " takes " + spec.inputs().size()
          + " arguments " + spec.inputs().stream().map(i -> i.name()).toList() + ", not " + args.length);
    }
    if (parent.depth >= run.options().maxCallDepth()) {
      CallDepthExceededException deep = new CallDepthExceededException(run.id(), path,
          run.options().maxCallDepth());
      run.stop(deep);
      throw deep;
    }
    run.check(parent.path, scope);
    args = checkArguments(run, p, args, path);
    if (spec.kind() != AgentKind.FAN_OUT) {
      JsonNode recorded = run.journal.recorded(path + "#out");
      if (recorded != null) {
        ConversationJson.read(recorded.get("messages")).forEach(conversation::append);
        return p.readOutput(recorded.path("value"));
      }
    }
    Frame frame = new Frame(run, path, spec, conversation, scope, parent.depth + 1);
    run.emit((seq, at) -> new RunEvent.AgentStarted(run.id(), path, seq, at, spec.name(),
        spec.kind().name()));
    long t0 = System.nanoTime();
    int conversationBefore = conversation.size();
    try {
      Object out = switch (spec.kind()) {
        case LLM -> new LlmInvocation(this, frame, p, args).run();
        case CODE -> runCode(frame, p, args, body);
        case FAN_OUT -> new Fork(this, frame, p, args).run();
      };
      run.check(frame); // settled meanwhile: the late output is dropped, not journaled
      if (spec.kind() != AgentKind.FAN_OUT) {
        List<Message> said = conversation.since(conversationBefore);
        run.journal.record(path + "#out", () -> {
          ObjectNode recorded = Json.mapper().createObjectNode();
          recorded.set("value", Json.toTree(out));
          recorded.set("messages", ConversationJson.write(said));
          return recorded;
        });
      }
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      run.emit((seq, at) -> new RunEvent.AgentFinished(run.id(), path, seq, at, spec.name(), took, ""));
      return out;
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vme) {
        run.fatalError(vme); // never an outcome or a result the model sees
      }
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      String error = e instanceof Pause ? "paused for approval" : describe(e);
      run.emit((seq, at) -> new RunEvent.AgentFinished(run.id(), path, seq, at, spec.name(), took, error));
      throw e;
    }
  }

  /**
   * Decides what null means per parameter: for an {@code Optional} parameter it is the empty
   * Optional; for any other it is refused, naming the agent and the parameter, before anything of
   * the invocation runs.
   */
  private static Object[] checkArguments(RunImpl<?> run, PreparedAgent p, Object[] args, String path) {
    Object[] out = args;
    for (int i = 0; i < args.length; i++) {
      if (args[i] != null) {
        continue;
      }
      Type t = p.inputTypes[i];
      Class<?> raw = t instanceof Class<?> c ? c
          : t instanceof java.lang.reflect.ParameterizedType pt ? (Class<?>) pt.getRawType() : Object.class;
      String name = p.spec.inputs().get(i).name();
      if (raw == java.util.Optional.class) {
        if (out == args) {
          out = args.clone();
        }
        out[i] = java.util.Optional.empty();
        continue;
      }
      throw new AgentArgumentException(run.id(), path, p.spec.name(), name, "agent \""
          + p.spec.name() + "\" got null for parameter \"" + name + "\", which does not accept"
          + " null; pass a value, or declare the parameter Optional<...> if it may be absent");
    }
    return out;
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private Object runCode(Frame frame, PreparedAgent p, Object[] args, Callable<?> body) {
    Frame previous = Frame.enter(frame);
    try {
      if (body != null) {
        return body.call();
      }
      CodeAgent code = codeAgents.get(p.spec.name());
      if (code == null) {
        // A wiring mistake: it fails the run even where the caller is a model (delegate) or a fork.
        RunSetupException missing = new RunSetupException(frame.run.id(), frame.path, "code agent \""
            + p.spec.name() + "\" has no body; register one with Orchestrator.builder(graph)"
            + ".codeAgent(\"" + p.spec.name() + "\", ...)");
        frame.run.stop(missing);
        throw missing;
      }
      return code.run(frame.run.orchestrator, args);
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw frame.run.interrupted(frame.path);
    } catch (Exception e) {
      throw new AgentException(frame.run.id(), frame.path, "code agent failed: " + describe(e), e);
    } finally {
      Frame.exit(previous);
    }
  }

  /**
   * Binds a JSON object of arguments by name to an agent's parameter types.
   *
   * @throws IllegalArgumentException naming the argument that does not fit
   */
  public Object[] bindArguments(String agent, String json) {
    return prepared(agent).bind(ToolArguments.parse(agent, json));
  }

  /** Binds a JSON array of arguments (the journaled entry) to an agent's parameter types. */
  Object[] bindArray(String agent, String json) {
    PreparedAgent p = prepared(agent);
    JsonNode node = Json.tree(json);
    if (!(node instanceof ArrayNode array) || array.size() != p.spec.inputs().size()) {
      throw new IllegalArgumentException("entry arguments of " + agent + " do not fit its parameters");
    }
    Object[] out = new Object[array.size()];
    for (int i = 0; i < out.length; i++) {
      Type t = p.inputTypes[i];
      out[i] = array.get(i).isNull() ? null : Json.convert(array.get(i), t);
    }
    return out;
  }

  /**
   * Resumes a run from its state on a new virtual thread.
   *
   * @param read the entries {@code state} was read from in the options' store ({@link
   *     RunState#fromStore}), if it was, else null: the run then reads only what the store holds
   *     after them
   */
  public dev.baton.runtime.Run<Object> resume(RunOptions options, RunState state,
      Orchestrator orchestrator, EntryPoint entry, List<JournalEntry> read) {
    if (!state.graph().equals(graph.name())) {
      throw new IllegalArgumentException("run state belongs to graph \"" + state.graph()
          + "\", not \"" + graph.name() + "\"");
    }
    if (state.entryAgent().isEmpty()) {
      throw new IllegalArgumentException("run state of " + state.runId() + " has no entry agent");
    }
    if (!state.graphChangeAllowed()) {
      if (state.graphFingerprint().isEmpty()) {
        throw new InvalidRunStateException(state.runId(), "run state of " + state.runId()
            + " carries no graph fingerprint, so it cannot be checked against graph \"" + graph.name()
            + "\"; resume state.allowGraphChange() to accept it as it is", List.of());
      }
      List<String> diffs = GraphFingerprint.differences(state.graphFingerprint(), fingerprint());
      if (!diffs.isEmpty()) {
        throw new InvalidRunStateException(state.runId(), "run state of " + state.runId()
            + " was written by another version of graph \"" + graph.name() + "\"; resume"
            + " state.allowGraphChange() to migrate it explicitly", diffs);
      }
    }
    JournalCheck.check(state);
    Object[] args = bindArray(state.entryAgent(), state.entryArguments());
    RunImpl<Object> run = newRun(orchestrator, options, state, read);
    run.startAsync(() -> entry.call(state.entryAgent(), args));
    return run;
  }
}
