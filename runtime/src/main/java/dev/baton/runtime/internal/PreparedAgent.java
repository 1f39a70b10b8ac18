package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentSpec;
import dev.baton.graph.Edge;
import dev.baton.graph.EdgeKind;
import dev.baton.graph.Input;
import dev.baton.graph.JavaTypeRef;
import dev.baton.graph.ToolSpec;
import dev.baton.graph.TypeRef;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.model.OutputSchema;
import dev.baton.runtime.model.ToolDefinition;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the run loop needs of one agent, computed once per orchestrator: its tool definitions
 * (tools, handoffs, delegates), the output schema as the model is asked for it, and its Java types.
 */
final class PreparedAgent {
  final AgentSpec spec;
  final Type outputType;
  final Type[] inputTypes;
  final List<ToolDefinition> toolDefinitions;
  final Map<String, ToolSpec> toolsByName = new HashMap<>();
  final Map<String, Edge> handoffsByTool = new HashMap<>();
  final Map<String, Edge> delegatesByTool = new HashMap<>();
  final OutputSchema outputSchema;
  /** The tools offered on every turn of an agent without toolsets. */
  final ToolMenu menu;
  /** The agent's instructions as the first message of each of its requests; immutable, shared. */
  final dev.baton.runtime.model.SystemMessage system;
  /** Whether the output schema wraps a non-object type in {@code {"value": ...}}. */
  final boolean wrapped;

  PreparedAgent(AgentGraph graph, AgentSpec spec) {
    this.spec = spec;
    this.system = new dev.baton.runtime.model.SystemMessage(spec.instructions());
    this.outputType = javaType(spec.output());
    this.inputTypes = spec.inputs().stream().map(i -> javaType(i.type())).toArray(Type[]::new);
    List<ToolDefinition> defs = new ArrayList<>();
    for (ToolSpec t : spec.tools()) {
      toolsByName.put(t.name(), t);
      defs.add(new ToolDefinition(t.name(), t.description(), t.parametersSchema()));
    }
    for (Edge e : graph.edgesFrom(spec.name())) {
      if (!e.isHandoff() && e.kind() != EdgeKind.DELEGATE) {
        continue;
      }
      AgentSpec target = graph.agent(e.to());
      String description = !e.description().isEmpty() ? e.description()
          : !target.description().isEmpty() ? target.description()
          : (e.isHandoff() ? "Hands the conversation to " : "Asks ") + target.name()
              + (e.kind() == EdgeKind.HANDOFF_BACK ? " and gets its answer back." : ".");
      defs.add(new ToolDefinition(e.tool(), description, target.inputSchema().isEmpty()
          ? "{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}"
          : target.inputSchema()));
      (e.isHandoff() ? handoffsByTool : delegatesByTool).put(e.tool(), e);
    }
    this.toolDefinitions = List.copyOf(defs);
    this.menu = new ToolMenu(toolDefinitions, Map.of());
    if (spec.outputSchema().isEmpty() || outputType == String.class) {
      this.outputSchema = null;
      this.wrapped = false;
    } else {
      JsonNode schema = Json.tree(spec.outputSchema());
      this.wrapped = !"object".equals(schema.path("type").asText());
      String name = spec.output().displayName().replaceAll("[^A-Za-z0-9_-]", "_");
      // Strict mode needs an object root; wrapping keeps every $ref resolvable from the new root.
      this.outputSchema = new OutputSchema(name, wrapped
          ? dev.baton.graph.JsonSchemas.wrapValue(spec.outputSchema())
          : spec.outputSchema());
    }
  }

  private static Type javaType(TypeRef ref) {
    return ref instanceof JavaTypeRef j ? j.type() : Object.class;
  }

  /** Binds named arguments to the parameter types, in parameter order. */
  Object[] bind(ToolArguments arguments) {
    List<Input> inputs = spec.inputs();
    Object[] out = new Object[inputs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = arguments.get(inputs.get(i).name(), inputTypes[i]);
    }
    return out;
  }

  /**
   * Reads the model's final text as this agent's output.
   *
   * @throws IllegalArgumentException if it does not parse into the output type
   */
  Object parseOutput(String text) {
    if (outputType == String.class) {
      return text;
    }
    // Only a String output may be empty: for any other, an empty answer is the model's failure,
    // not a null result.
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the answer is empty");
    }
    JsonNode node = Json.tree(stripFences(text));
    if (wrapped && node instanceof ObjectNode o && o.size() == 1 && o.has("value")) {
      node = o.get("value");
    }
    // JSON null, an empty code fence or a null "value" carries no answer either (an Optional
    // output says "absent" with it).
    boolean absentAllowed = (outputType instanceof java.lang.reflect.ParameterizedType p
        ? p.getRawType() : outputType) == java.util.Optional.class;
    if (node == null || node.isMissingNode() || (node.isNull() && !absentAllowed)) {
      throw new IllegalArgumentException("the answer is empty (JSON null, or nothing)");
    }
    Object output = Json.convert(node, outputType);
    if (output == null) {
      throw new IllegalArgumentException("the answer is empty (JSON null, or nothing)");
    }
    return output;
  }

  /** Reads a journaled output. */
  Object readOutput(JsonNode recorded) {
    return recorded.isNull() ? null : Json.convert(recorded, outputType);
  }

  // Some models wrap JSON in a Markdown code fence even when asked for structured output.
  private static String stripFences(String text) {
    String t = text.strip();
    if (t.startsWith("```")) {
      int nl = t.indexOf('\n');
      int end = t.lastIndexOf("```");
      if (nl > 0 && end > nl) {
        return t.substring(nl + 1, end).strip();
      }
    }
    return t;
  }
}
