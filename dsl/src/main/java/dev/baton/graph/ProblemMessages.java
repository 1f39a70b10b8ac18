package dev.baton.graph;

/**
 * Renders a {@link Problem} from its code and arguments, in annotation or builder words. Each
 * message states the rule about its subject in the present tense and says what to do.
 */
final class ProblemMessages {
  private ProblemMessages() {}

  static String render(Problem p, Vocabulary v) {
    boolean ann = v == Vocabulary.ANNOTATIONS;
    String agent = q(p.argument("agent"));
    return switch (p.code()) {
      case DUPLICATE_AGENT -> "agent name " + agent + " is used by more than one "
          + (ann ? "@Agent of " + p.argument("graph") + "; agent names must be unique (set"
              + " @Agent(name = ...) to rename one)"
              : "agent of graph " + p.argument("graph") + "; agent names must be unique (give one"
                  + " another name)");
      case AGENT_SIGNATURE -> "LLM agent " + agent + " has no instructions; "
          + (ann ? "abstract @Agent methods need @Agent(instructions = ...), or a default body to be"
              + " a code agent"
              : "set them with llmAgent(" + agent + ", a -> a.instructions(...)), or declare it with"
                  + " codeAgent(...)");
      case MAX_TURNS -> (ann ? "@Agent maxTurns" : "maxTurns") + " of " + agent + " is "
          + p.argument("maxTurns") + "; it must be at least 1 (each turn is one model call)";
      case TEMPLATE_PLACEHOLDER -> "prompt placeholder {" + p.argument("placeholder") + "} of "
          + agent + " names no parameter; parameters are [" + p.argument("parameters") + "]"
          + didYouMean(p.argument("suggestion"));
      case EMPTY_PARALLEL -> (ann ? "@Parallel" : "parallel(...)") + " of " + agent
          + " lists no agents; name at least one branch agent";
      case DUPLICATE_BRANCH -> (ann ? "@Parallel" : "parallel(...)") + " of " + agent + " lists "
          + q(p.argument("branch")) + " more than once; each branch agent appears once (results"
          + " are keyed by agent)";
      case TIMEOUT -> (ann ? "@Parallel " : "") + p.argument("reason") + " (on " + agent + ")";
      case MAX_CONCURRENCY -> (ann ? "@Parallel maxConcurrency" : "maxConcurrency") + " of " + agent
          + " is " + p.argument("maxConcurrency") + "; it must be 0 (no bound) or positive";
      case UNKNOWN_AGENT -> unknownAgent(p, ann);
      case SELF_REFERENCE -> edge(p, ann) + " is the agent itself; an agent does not "
          + switch (p.argument("edge")) {
            case "BRANCH" -> "fork into";
            case "CALL" -> "call";
            default -> "hand off or delegate to";
          }
          + " itself (use maxTurns or a code-agent loop to repeat work)";
      case NO_MODEL -> noModel(p, ann);
      case HANDOFF_TYPE -> "one-way " + edge(p, ann) + " returns " + p.argument("toType")
          + ", which is not assignable to " + p.argument("fromType") + ", the "
          + (ann ? "return" : "output") + " type of " + q(p.argument("from")) + "; its output becomes "
          + q(p.argument("from")) + "'s output, so return a compatible type or "
          + (ann ? "use back = true" : "hand off with back = true");
      case BRANCH_INPUT -> branchInput(p, ann);
      case PARALLEL_RESULT -> "branch " + q(p.argument("branch")) + " returns "
          + p.argument("branchType") + ", which is not assignable to " + p.argument("elementType")
          + ", the element type of " + q(p.argument("fork")) + "'s Results<"
          + p.argument("elementType") + ">";
      case RECURSIVE_CALL -> "agents call each other in a cycle: " + p.argument("path")
          + "; back-handoffs, delegates, fan-out branches and code-agent calls return to their"
          + " caller, so they must not form a cycle (a one-way "
          + (ann ? "@Handoff" : "handoff") + " may loop)";
      case DUPLICATE_TOOL -> "tool name " + q(p.argument("tool")) + " of " + agent
          + " is offered by both " + source(p.argument("first"), p, ann) + " and "
          + source(p.argument("second"), p, ann) + "; the model tells tools apart by name, so"
          + " each must be unique";
      case TOOL_NAME -> toolName(p, ann);
      case OVER_PARAMETER -> (ann ? "@Parallel(over = " : "over(") + q(p.argument("over")) + ") of "
          + agent + (p.argument("type").isEmpty()
              ? " names no " + (ann ? "parameter" : "input") + "; " + (ann ? "parameters" : "inputs")
                  + " are [" + p.argument("parameters") + "]" + didYouMean(p.argument("suggestion"))
              : " names " + (ann ? "a parameter" : "an input") + " of type " + p.argument("type")
                  + "; a fork over elements needs a List, Set or array");
      case OVER_BRANCHES -> (ann ? "@Parallel" : "parallel(...)") + " of " + agent + " forks over "
          + q(p.argument("over")) + " but lists " + p.argument("count") + " agents; a fork over"
          + " elements runs exactly one agent per element, so list one";
      case TOOLSET -> p.argument("reason").equals("repeated")
          ? "toolset " + q(p.argument("toolset")) + " is listed more than once on " + agent
              + "; list each toolset once"
          : "toolset name " + q(p.argument("toolset")) + " of " + agent + " must be a letter"
              + " followed by letters, digits, '_' or '-'";
      default -> p.code().code() + " " + p.arguments();
    };
  }

  private static String unknownAgent(Problem p, boolean ann) {
    String where = ann ? "an @Agent of " + p.argument("graph") : "an agent of graph " + p.argument("graph");
    String subject = p.argument("role").equals("source")
        ? label(p.argument("edge")) + " source " + q(p.argument("from"))
        : edge(p, ann);
    return subject + " is not " + where + didYouMean(p.argument("suggestion"));
  }

  private static String noModel(Problem p, boolean ann) {
    boolean code = p.argument("fromKind").equals("code agent");
    boolean handoff = p.argument("edge").startsWith("HANDOFF");
    String fix;
    if (code) {
      fix = "call " + q(p.argument("to")) + " from its body instead";
    } else if (ann) {
      fix = "put @" + (handoff ? "Handoff" : "Delegate") + " on an LLM agent";
    } else {
      fix = "start the " + (handoff ? "handoff" : "delegate") + " from an llmAgent(...)";
    }
    return q(p.argument("from")) + " is a " + p.argument("fromKind") + " and has no model to choose a "
        + label(p.argument("edge")) + "; " + fix;
  }

  private static String branchInput(Problem p, boolean ann) {
    String branch = q(p.argument("branch"));
    String fork = q(p.argument("fork"));
    if (!p.argument("elementType").isEmpty()) {
      String over = "the elements of " + q(p.argument("over")) + " (" + p.argument("elementType") + ")";
      return p.argument("parameter").isEmpty()
          ? "branch " + branch + " takes no " + (ann ? "parameter" : "input") + ", but " + fork
              + " passes it " + over + " as its first " + (ann ? "parameter" : "input")
          : "branch " + branch + " takes " + over + " as its first " + (ann ? "parameter" : "input")
              + " " + q(p.argument("parameter")) + ", of type " + p.argument("type")
              + ", which they are not assignable to; declare the element type first";
    }
    if (!p.argument("forkType").isEmpty()) {
      return "branch " + branch + " takes parameter " + q(p.argument("parameter")) + " as "
          + p.argument("type") + ", but " + fork + " passes " + p.argument("forkType")
          + ", which is not assignable to it";
    }
    return "branch " + branch + " takes parameter " + q(p.argument("parameter")) + " ("
        + p.argument("type") + "), but " + fork + " has no " + (ann ? "parameter" : "input")
        + " of that name; branch " + (ann ? "parameters" : "inputs") + " are bound by name (" + fork
        + " has [" + p.argument("forkParameters") + "])" + didYouMean(p.argument("suggestion"));
  }

  private static String toolName(Problem p, boolean ann) {
    String source = p.argument("source");
    String kind = source.substring(0, source.indexOf(':'));
    String target = source.substring(source.indexOf(':') + 1);
    String fix = switch (kind) {
      case "handoff" -> ann
          ? "shorten the agent name of " + q(target) + " with @Agent(name = ...) to at most 52"
              + " characters"
          : "give agent " + q(target) + " a name of at most 52 characters";
      case "delegate" -> ann
          ? "set @Delegate(tool = ...) to a name of 1 to 64 letters, digits, '_' or '-'"
          : "pass delegate(from, " + q(target) + ", tool, description) a tool name of 1 to 64"
              + " letters, digits, '_' or '-'";
      default -> ann
          ? "set @Tool(name = ...) to a name of 1 to 64 letters, digits, '_' or '-'"
          : "give the ToolSpec a name of 1 to 64 letters, digits, '_' or '-'";
    };
    return "tool name " + q(p.argument("tool")) + " (" + p.argument("length") + " characters) that "
        + source(source, p, ann) + " offers to " + q(p.argument("agent"))
        + " is not one Chat Completions accepts (^[a-zA-Z0-9_-]{1,64}$); " + fix;
  }

  // "tool:<owner>", "handoff:<target>", "delegate:<target>" in the vocabulary's words.
  private static String source(String source, Problem p, boolean ann) {
    int colon = source.indexOf(':');
    String kind = source.substring(0, colon);
    String name = source.substring(colon + 1);
    String agent = q(p.argument("agent"));
    return switch (kind) {
      case "handoff" -> ann ? "@Handoff to " + q(name) : "handoff(" + agent + ", " + q(name) + ")";
      case "delegate" -> ann ? "@Delegate to " + q(name) : "delegate(" + agent + ", " + q(name) + ")";
      default -> ann ? "@Tool of " + simpleName(name) : "a ToolSpec of " + simpleName(name);
    };
  }

  private static String edge(Problem p, boolean ann) {
    String from = q(p.argument("from"));
    String to = q(p.argument("to"));
    return switch (p.argument("edge")) {
      case "HANDOFF", "HANDOFF_BACK" -> ann ? "@Handoff target " + to : "handoff(" + from + ", " + to + ") target " + to;
      case "DELEGATE" -> ann ? "@Delegate target " + to : "delegate(" + from + ", " + to + ") target " + to;
      case "BRANCH" -> ann ? "@Parallel branch " + to : "parallel(...) branch " + to + " of " + from;
      default -> ann ? "called agent " + to : "call(" + from + ", " + to + ") target " + to;
    };
  }

  private static String label(String edgeKind) {
    return EdgeKind.valueOf(edgeKind).label();
  }

  private static String didYouMean(String suggestion) {
    return suggestion.isEmpty() ? "" : "; did you mean " + q(suggestion) + "?";
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
