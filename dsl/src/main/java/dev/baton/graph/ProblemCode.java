package dev.baton.graph;

/**
 * Every rule of an agent graph, with its stable code. Messages print as {@code [Baton/<code>]
 * <message>}; tests and tools match on the code, never on the wording.
 */
public enum ProblemCode {
  /** An edge names an agent the system does not have. */
  UNKNOWN_AGENT("UnknownAgent"),
  /** Two agents have the same name. */
  DUPLICATE_AGENT("DuplicateAgent"),
  /** An agent hands off, delegates or branches to itself. */
  SELF_REFERENCE("SelfReference"),
  /** A one-way handoff target's output is not assignable to the source's output. */
  HANDOFF_TYPE("HandoffType"),
  /** A branch parameter has no same-named, assignable parameter on the forking agent. */
  BRANCH_INPUT("BranchInput"),
  /** A fan-out's return type is not {@code Results<T>}, or a branch output does not fit {@code T}. */
  PARALLEL_RESULT("ParallelResult"),
  /** A {@code @Parallel} timeout cannot be parsed or is not positive. */
  TIMEOUT("Timeout"),
  /** Call-and-return edges form a cycle. */
  RECURSIVE_CALL("RecursiveCall"),
  /** An agent method has a shape the runner cannot implement, or an LLM agent has no instructions. */
  AGENT_SIGNATURE("AgentSignature"),
  /** An agent's {@code maxTurns} is below 1. */
  MAX_TURNS("MaxTurns"),
  /** A fan-out's {@code maxConcurrency} is negative. */
  MAX_CONCURRENCY("MaxConcurrency"),
  /** A {@code @Parallel} lists no branch agents. */
  EMPTY_PARALLEL("EmptyParallel"),
  /**
   * A fork over elements names, in {@code over}, no parameter of its method, or one that is not a
   * {@code List}, {@code Set} or array.
   */
  OVER_PARAMETER("OverParameter"),
  /** A fork over elements names other than exactly one branch agent. */
  OVER_BRANCHES("OverBranches"),
  /** A {@code @Parallel} lists one branch agent twice. */
  DUPLICATE_BRANCH("DuplicateBranch"),
  /** A handoff or delegate leaves an agent that has no model to choose it (a code agent or fan-out). */
  NO_MODEL("NoModel"),
  /**
   * A name the model is sent as a tool name (a {@code @Tool}, {@code transfer_to_<agent>}, a
   * delegate tool) does not match {@code ^[a-zA-Z0-9_-]{1,64}$}, the Chat Completions rule.
   */
  TOOL_NAME("ToolName"),
  /** A parameter or return type is not one the JSON mapping supports. */
  UNSUPPORTED_TYPE("UnsupportedType"),
  /** A prompt placeholder names no parameter. */
  TEMPLATE_PLACEHOLDER("TemplatePlaceholder"),
  /** A {@code @Tool} method has a shape that cannot be invoked. */
  TOOL_SIGNATURE("ToolSignature"),
  /** One agent is offered two tools with the same name. */
  DUPLICATE_TOOL("DuplicateTool"),
  /** {@code @Handoff}, {@code @Delegate} or {@code @Parallel} on a method without {@code @Agent}. */
  NOT_AN_AGENT("NotAnAgent"),
  /** The type holding the agents cannot have a runner generated for it. */
  ENCLOSING_TYPE("EnclosingType"),
  /** A toolset name is malformed or listed twice on one agent. */
  TOOLSET("Toolset");

  private final String code;

  ProblemCode(String code) {
    this.code = code;
  }

  /** The stable code, e.g. {@code UnknownAgent}. */
  public String code() {
    return code;
  }

  /** The prefix of every message with this code: {@code [Baton/UnknownAgent]}. */
  public String prefix() {
    return "[Baton/" + code + "]";
  }
}
