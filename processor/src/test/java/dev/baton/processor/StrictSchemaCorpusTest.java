package dev.baton.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentSpec;
import dev.baton.graph.JsonSchemas;
import dev.baton.runtime.model.ScriptedModel;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every allowed type shape (DESIGN section 3: scalars and boxes, enums, records nested and
 * recursive, List/Set/arrays, Map&lt;String, V&gt;, Optional, and their combinations) as an agent's
 * input and output: the schemas the processor writes pass OpenAI's strict rules at the root and
 * wrapped, and the fluent builder writes the same schemas from the reflected types.
 */
class StrictSchemaCorpusTest {
  /** Agent name → the type it takes and returns, as written in the corpus. */
  private static final Map<String, String> CORPUS = new LinkedHashMap<>();

  static {
    String[] types = {"int", "Integer", "long", "double", "boolean", "char", "Character",
        "Severity", "Optional<Severity>", "Optional<String>", "Optional<Integer>", "List<String>",
        "Set<Integer>", "String[]", "int[][]", "List<Severity>", "Map<String, String>",
        "Map<String, List<Finding>>", "Map<String, Map<String, Integer>>", "Finding", "Report",
        "Optional<Report>", "List<Finding>", "Node", "List<Node>", "Optional<Node>",
        "Map<String, Node>", "Node[]", "Tree", "Ping", "Holder", "Set<Holder>"};
    for (int i = 0; i < types.length; i++) {
      CORPUS.put("t" + i, types[i]);
    }
  }

  private static AgentGraph processorGraph;
  private static Class<?> corpus;

  @BeforeAll
  static void compileCorpus() {
    StringBuilder agents = new StringBuilder("""
        enum Severity { LOW, HIGH }
        record Finding(@Param("what was found") String title, Severity severity,
            Optional<String> note, int[] lines, Set<Character> tags, double score,
            Map<String, Integer> counts) {}
        record Report(Finding main, List<Finding> all, Finding[] array, Optional<Finding> extra,
            Map<String, Finding> byId) {}
        record Node(String name, List<Node> children) {}
        record Tree(Node root, Optional<Tree> parent) {}
        record Ping(String text, Optional<Pong> pong) {}
        record Pong(List<Ping> pings) {}
        record Holder(Map<String, Node> nodes, List<List<Node>> levels, Optional<Ping> ping) {}
        """);
    CORPUS.forEach((name, type) -> agents.append("@Agent(instructions = \"Answer.\") ")
        .append(type).append(' ').append(name).append('(').append(type).append(" value);\n"));
    CompiledClasses classes = new CompiledClasses(Compilations.compile(
        Compilations.support(agents.toString())));
    Object runner = classes.runner("com.acme.SupportRunner", "model", ScriptedModel.builder().build());
    processorGraph = (AgentGraph) CompiledClasses.invoke(runner, "graph");
    corpus = classes.load("com.acme.Support");
  }

  static Stream<String> agents() {
    return CORPUS.keySet().stream();
  }

  private static Method method(String name) {
    for (Method m : corpus.getMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no method " + name);
  }

  private static AgentSpec builderSpec(String name) {
    Method m = method(name);
    return AgentGraph.builder("Support")
        .llmAgent(name, a -> a.instructions("Answer.")
            .input("value", m.getGenericParameterTypes()[0])
            .output(m.getGenericReturnType()))
        .build().agent(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("agents")
  void inputSchemaIsStrict(String agent) {
    String schema = processorGraph.agent(agent).inputSchema();
    assertEquals(List.of(), StrictSchemaRules.violations(schema), () -> CORPUS.get(agent) + ": " + schema);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("agents")
  void outputSchemaIsStrictAtTheRootAndWrapped(String agent) {
    String schema = processorGraph.agent(agent).outputSchema();
    assertFalse(schema.isEmpty(), agent);
    if (schema.startsWith("{\"type\":\"object\"")) {
      assertEquals(List.of(), StrictSchemaRules.violations(schema), () -> CORPUS.get(agent) + ": " + schema);
    }
    String wrapped = JsonSchemas.wrapValue(schema);
    assertEquals(List.of(), StrictSchemaRules.violations(wrapped), () -> CORPUS.get(agent) + ": " + wrapped);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("agents")
  void builderWritesTheSameSchemasFromReflection(String agent) {
    AgentSpec fromBuilder = builderSpec(agent);
    AgentSpec fromProcessor = processorGraph.agent(agent);
    assertEquals(fromProcessor.inputSchema(), fromBuilder.inputSchema(), CORPUS.get(agent));
    assertEquals(fromProcessor.outputSchema(), fromBuilder.outputSchema(), CORPUS.get(agent));
  }

  @Test
  void theRulesCatchWhatStrictServersReject() {
    List<String> broken = new ArrayList<>();
    broken.add("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
    broken.add("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[],"
        + "\"additionalProperties\":false}");
    broken.add("{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"array\",\"items\":"
        + "{\"$ref\":\"#/$defs/Node\"}}},\"required\":[\"v\"],\"additionalProperties\":false}");
    broken.add("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
    broken.add("{\"type\":\"object\",\"properties\":{\"a\":{}},\"required\":[\"a\"],"
        + "\"additionalProperties\":false}");
    broken.add("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"minLength\":1}},"
        + "\"required\":[\"a\"],\"additionalProperties\":false}");
    for (String schema : broken) {
      assertFalse(StrictSchemaRules.violations(schema).isEmpty(), schema);
    }
    StringBuilder deep = new StringBuilder("{\"type\":\"string\"}");
    for (int i = 0; i < 11; i++) {
      deep.insert(0, "{\"type\":\"object\",\"properties\":{\"n\":").append("},\"required\":[\"n\"],"
          + "\"additionalProperties\":false}");
    }
    assertTrue(StrictSchemaRules.violations(deep.toString()).stream()
        .anyMatch(v -> v.contains("10 levels")), deep::toString);
  }
}
