package dev.baton.processor.validation;

import dev.baton.graph.ProblemCode;
import javax.tools.Diagnostic.Kind;

/**
 * Every message the processor itself reports (the graph rules' messages come from {@code
 * dev.baton.graph.GraphValidator}), with its stable code. Each states the rule about the subject,
 * in the present tense, and what to do.
 */
public enum Message {
  ENCLOSING_KIND(ProblemCode.ENCLOSING_TYPE,
      "@Agent methods belong to an interface or an abstract class; %s is %s"),
  ENCLOSING_PRIVATE(ProblemCode.ENCLOSING_TYPE,
      "%s is private; the generated %s implements it, so it must be at least package-private"),
  ENCLOSING_INNER(ProblemCode.ENCLOSING_TYPE,
      "%s is an inner class; the generated %s extends it, so it must be static"),
  ENCLOSING_LOCAL(ProblemCode.ENCLOSING_TYPE,
      "%s is a local or anonymous class; an agent system is a top-level or static nested type"),
  ENCLOSING_GENERIC(ProblemCode.ENCLOSING_TYPE,
      "%s declares type parameters %s; an agent system is not generic, because agent types are"
          + " fixed at compile time"),
  ENCLOSING_SEALED(ProblemCode.ENCLOSING_TYPE,
      "%s is sealed; the generated %s implements it, so it must not be sealed"),
  ENCLOSING_CONSTRUCTOR(ProblemCode.ENCLOSING_TYPE,
      "abstract class %s has no non-private constructor without parameters; the generated %s"
          + " extends it and needs one"),
  ABSTRACT_NON_AGENT(ProblemCode.AGENT_SIGNATURE,
      "abstract method %s of %s is not an @Agent; the generated runner implements agents only, so"
          + " annotate it with @Agent or give it a body"),

  AGENT_PRIVATE(ProblemCode.AGENT_SIGNATURE,
      "@Agent method %s is private; the runner overrides it, so it must not be private"),
  AGENT_STATIC(ProblemCode.AGENT_SIGNATURE,
      "@Agent method %s is static; agents are instance methods the runner overrides"),
  AGENT_GENERIC(ProblemCode.AGENT_SIGNATURE,
      "@Agent method %s declares type parameters %s; an agent's input and output types are fixed,"
          + " so it must not be generic"),
  AGENT_FINAL(ProblemCode.AGENT_SIGNATURE,
      "@Agent method %s is final; the runner overrides it, so it must not be final"),
  AGENT_CLASH(ProblemCode.AGENT_SIGNATURE,
      "@Agent method %s clashes with %s, which every generated runner declares; rename the method"),
  AGENT_NAME(ProblemCode.AGENT_SIGNATURE,
      "agent name \"%s\" is not a valid name; models see agent names in tool names, so use 1 to 64"
          + " letters, digits, '_' or '-'"),
  PARALLEL_ON_CODE_AGENT(ProblemCode.AGENT_SIGNATURE,
      "@Parallel on code agent %s has no effect; a code agent's body calls its branches itself, so"
          + " remove @Parallel or make the method abstract"),
  TOOLS_WITHOUT_MODEL(ProblemCode.AGENT_SIGNATURE,
      "tools of %s %s are never offered to a model; list tools on an LLM agent"),
  PARALLEL_RESULT(ProblemCode.PARALLEL_RESULT,
      "abstract @Parallel method %s returns %s; a fan-out returns Results<T>, and an LLM agent that"
          + " aggregates the branches has instructions"),
  RESULTS_ELEMENT(ProblemCode.PARALLEL_RESULT,
      "fan-out %s returns %s; name the type every branch returns, e.g. Results<String>"),

  UNSUPPORTED_PARAMETER(ProblemCode.UNSUPPORTED_TYPE,
      "parameter %s of %s has type %s: %s; agent and tool types are String, primitives and their"
          + " boxes, enums, records, List, Set, arrays, Map<String, V> and Optional"),
  UNSUPPORTED_RETURN(ProblemCode.UNSUPPORTED_TYPE,
      "@Agent method %s returns %s: %s; agent types are String, primitives and their boxes, enums,"
          + " records, List, Set, arrays, Map<String, V> and Optional"),
  UNSUPPORTED_VOID(ProblemCode.UNSUPPORTED_TYPE,
      "@Agent method %s returns void; an agent returns its output (String for text)"),
  UNSUPPORTED_RESULTS(ProblemCode.UNSUPPORTED_TYPE,
      "%s returns %s, but only an abstract @Parallel fan-out returns Results<T>"),

  TOOL_PRIVATE(ProblemCode.TOOL_SIGNATURE,
      "@Tool method %s is private; the generated invoker calls it, so it must not be private"),
  TOOL_STATIC(ProblemCode.TOOL_SIGNATURE,
      "@Tool method %s is static; tools are instance methods of the tool object the runner holds"),
  TOOL_GENERIC(ProblemCode.TOOL_SIGNATURE,
      "@Tool method %s declares type parameters %s; a tool's schema is fixed, so it must not be"
          + " generic"),
  TOOL_NAME(ProblemCode.TOOL_NAME,
      "tool name \"%s\" (%d characters) is not one Chat Completions accepts"
          + " (^[a-zA-Z0-9_-]{1,64}$); set %s to 1 to 64 letters, digits, '_' or '-'"),
  TOOL_CONTEXT_TYPE(ProblemCode.TOOL_SIGNATURE,
      "@Context parameter %s of %s has type %s; context objects are looked up by class, so use a"
          + " non-generic class or interface"),
  TOOL_CLASS_ACCESS(ProblemCode.TOOL_SIGNATURE,
      "tool class %s is not public and is in package %s; the generated %s in package %s names it,"
          + " so make %s public or move it into %s"),
  TOOL_CLASS_PRIVATE(ProblemCode.TOOL_SIGNATURE,
      "tool class %s is unreachable from generated code because %s is private; make it at least"
          + " package-private"),
  TOOL_METHOD_ACCESS(ProblemCode.TOOL_SIGNATURE,
      "@Tool method %s is not public and is declared in %s, outside package %s where the generated"
          + " invoker calls it; make it public"),
  TOOL_CLASS_NESTING(ProblemCode.TOOL_SIGNATURE,
      "tool class %s is an inner, local or anonymous class; make it a top-level or static nested"
          + " class"),
  TOOL_CLASS_GENERIC(ProblemCode.TOOL_SIGNATURE,
      "tool class %s declares type parameters %s; tool classes are not generic"),
  TOOL_CLASS_EMPTY(ProblemCode.TOOL_SIGNATURE,
      "%s has no @Tool methods; list classes whose tool methods are annotated @Tool"),
  TOOL_DUPLICATE(ProblemCode.DUPLICATE_TOOL,
      "tool name \"%s\" is used by more than one @Tool method of %s; the model tells tools apart by"
          + " name, so set @Tool(name = ...)"),

  NOT_AN_AGENT(ProblemCode.NOT_AN_AGENT,
      "@%s on %s has no effect without @Agent; annotate the method with @Agent"),

  MISSING_DESCRIPTION(Kind.WARNING, "MissingDescription",
      "agent \"%s\" is a %s target of \"%s\" but has no description; the model chooses tools by"
          + " their descriptions, so set @Agent(description = ...) on \"%s\""),

  CALLS_UNREAD(Kind.NOTE, "CallsUnread",
      "calls from code agent %s to sibling agents are not read under this compiler (reading them"
          + " needs javac's tree API), so cycles through them are not reported at compile time and"
          + " the graph has no edges for them; the runner itself is complete"),

  INTERNAL(Kind.ERROR, "Internal",
      "processing %s failed with %s; this is a bug in the Baton processor, please report it with"
          + " this trace:%n%s");

  private final Kind kind;
  private final String code;
  private final String format;

  Message(ProblemCode code, String format) {
    this(Kind.ERROR, code.code(), format);
  }

  Message(Kind kind, String code, String format) {
    this.kind = kind;
    this.code = code;
    this.format = format;
  }

  /** Error or warning. */
  public Kind kind() {
    return kind;
  }

  /** The stable code, e.g. {@code EnclosingType}. */
  public String code() {
    return code;
  }

  /**
   * The message text without the code prefix.
   *
   * @param args the format arguments
   * @return the text
   */
  public String format(Object... args) {
    return String.format(format, args);
  }
}
