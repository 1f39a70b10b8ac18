package dev.baton.graph;

import dev.baton.History;
import java.util.List;
import java.util.Objects;

/**
 * One agent of a graph. Immutable.
 *
 * @param name the agent's name
 * @param kind what runs when it is invoked
 * @param inputs its parameters, in order
 * @param output its return type; for a {@link AgentKind#FAN_OUT} the element type {@code T} of
 *     {@code Results<T>}
 * @param instructions the system prompt of an LLM agent; empty otherwise
 * @param description what callers and models are told it does; may be empty
 * @param prompt the user-message template; empty for none
 * @param model the model name override; empty for the model's default
 * @param tools the tools its model may call
 * @param history what it sees of the branch conversation
 * @param maxTurns the most model calls per invocation
 * @param parallel its fork, for fan-outs and aggregating LLM agents; {@code null} otherwise
 * @param inputSchema the JSON Schema (JSON text) of an object holding its inputs by name
 * @param outputSchema the JSON Schema of its output; empty when the output is a {@code String}
 * @param toolsets names of the toolsets (tools bound at run time) its model may call
 */
public record AgentSpec(
    String name,
    AgentKind kind,
    List<Input> inputs,
    TypeRef output,
    String instructions,
    String description,
    String prompt,
    String model,
    List<ToolSpec> tools,
    History history,
    int maxTurns,
    ParallelSpec parallel,
    String inputSchema,
    String outputSchema,
    List<String> toolsets) {

  /** Checks and copies the components. */
  public AgentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(output, "output");
    inputs = List.copyOf(inputs);
    tools = List.copyOf(tools);
    instructions = nullToEmpty(instructions);
    description = nullToEmpty(description);
    prompt = nullToEmpty(prompt);
    model = nullToEmpty(model);
    history = history == null ? History.CONVERSATION : history;
    inputSchema = nullToEmpty(inputSchema);
    outputSchema = nullToEmpty(outputSchema);
    toolsets = toolsets == null ? List.of() : List.copyOf(toolsets);
  }

  /**
   * An agent without toolsets.
   *
   * @param name the agent's name
   * @param kind what runs when it is invoked
   * @param inputs its parameters, in order
   * @param output its return type
   * @param instructions the system prompt of an LLM agent
   * @param description what callers and models are told it does
   * @param prompt the user-message template
   * @param model the model name override
   * @param tools the tools its model may call
   * @param history what it sees of the branch conversation
   * @param maxTurns the most model calls per invocation
   * @param parallel its fork, or {@code null}
   * @param inputSchema the JSON Schema of an object holding its inputs by name
   * @param outputSchema the JSON Schema of its output
   */
  public AgentSpec(String name, AgentKind kind, List<Input> inputs, TypeRef output,
      String instructions, String description, String prompt, String model, List<ToolSpec> tools,
      History history, int maxTurns, ParallelSpec parallel, String inputSchema, String outputSchema) {
    this(name, kind, inputs, output, instructions, description, prompt, model, tools, history,
        maxTurns, parallel, inputSchema, outputSchema, List.of());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Whether it forks branches (a fan-out, or an LLM agent that aggregates a fan-out). */
  public boolean forks() {
    return parallel != null;
  }

  /**
   * An input by name.
   *
   * @param inputName the parameter name
   * @return the input, or {@code null}
   */
  public Input input(String inputName) {
    for (Input i : inputs) {
      if (i.name().equals(inputName)) {
        return i;
      }
    }
    return null;
  }
}
