package dev.baton.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.Param;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** JSON Schemas derived from reflected types, read through {@link AgentSpec}, compared as text. */
class JsonSchemasTest {

  enum Severity { LOW, HIGH }

  enum Nothing {}

  record Finding(
      @Param("The part's id") String part,
      int count,
      List<String> notes,
      Optional<Severity> severity,
      Map<String, Double> scores) {}

  record Node(String name, List<Node> children) {}

  @SuppressWarnings("unused")
  static final class Fields {
    List<? extends Severity> bounded;
    List<?> unbounded;
  }

  private static final String STRING = "{\"type\":\"string\"}";
  private static final String FINDING = "{\"type\":\"object\",\"properties\":{"
      + "\"part\":{\"description\":\"The part's id\",\"type\":\"string\"},"
      + "\"count\":{\"type\":\"integer\"},"
      + "\"notes\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
      + "\"severity\":{\"type\":[\"string\",\"null\"],\"enum\":[\"LOW\",\"HIGH\",null]},"
      + "\"scores\":" + entries("{\"type\":\"number\"}") + "},"
      + "\"required\":[\"part\",\"count\",\"notes\",\"severity\",\"scores\"],"
      + "\"additionalProperties\":false}";

  private static AgentSpec agent(Consumer<AgentGraph.AgentBuilder> spec) {
    return AgentGraph.builder("S")
        .llmAgent("a", b -> spec.accept(b.instructions("i")))
        .graph()
        .agent("a");
  }

  private static String outputSchema(Type type) {
    return agent(a -> a.output(type)).outputSchema();
  }

  private static String inputSchema(Type type) {
    return agent(a -> a.input("x", type)).inputSchema();
  }

  private static String object(String properties, String required) {
    return "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":[" + required
        + "],\"additionalProperties\":false}";
  }

  @Test
  void stringOutputHasNoSchema() {
    assertEquals("", outputSchema(String.class));
  }

  @Test
  void scalars() {
    assertEquals("{\"type\":\"integer\"}", outputSchema(int.class));
    assertEquals("{\"type\":\"integer\"}", outputSchema(Long.class));
    assertEquals("{\"type\":\"number\"}", outputSchema(double.class));
    assertEquals("{\"type\":\"boolean\"}", outputSchema(Boolean.class));
    assertEquals(STRING, outputSchema(char.class));
  }

  @Test
  void enumListsItsConstants() {
    assertEquals("{\"type\":\"string\",\"enum\":[\"LOW\",\"HIGH\"]}", outputSchema(Severity.class));
  }

  @Test
  void recordIsAStrictObject() {
    assertEquals(FINDING, outputSchema(Finding.class));
  }

  @Test
  void listsSetsAndArrays() {
    assertEquals("{\"type\":\"array\",\"items\":" + FINDING + "}",
        outputSchema(Types.listOf(Finding.class)));
    assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}",
        outputSchema(Types.setOf(Integer.class)));
    assertEquals("{\"type\":\"array\",\"items\":" + STRING + "}", outputSchema(String[].class));
  }

  @Test
  void optionalIsNullable() {
    assertEquals("{\"type\":[\"string\",\"null\"]}", outputSchema(Types.optionalOf(String.class)));
    assertEquals("{\"type\":[\"array\",\"null\"],\"items\":{\"type\":\"string\"}}",
        outputSchema(Types.optionalOf(Types.listOf(String.class))));
    assertEquals("{\"type\":[\"string\",\"null\"],\"enum\":[\"LOW\",\"HIGH\",null]}",
        outputSchema(Types.optionalOf(Severity.class)));
    assertEquals("{\"type\":[\"object\",\"null\"]" + FINDING.substring("{\"type\":\"object\"".length()),
        outputSchema(Types.optionalOf(Finding.class)));
  }

  @Test
  void nullableEnumWithoutConstantsAllowsOnlyNull() {
    assertEquals("{\"type\":[\"string\",\"null\"],\"enum\":[null]}",
        outputSchema(Types.optionalOf(Nothing.class)));
  }

  @Test
  void wildcardsUseTheirUpperBound() throws NoSuchFieldException {
    assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"LOW\",\"HIGH\"]}}",
        outputSchema(Fields.class.getDeclaredField("bounded").getGenericType()));
    assertEquals("{\"type\":\"array\",\"items\":{}}",
        outputSchema(Fields.class.getDeclaredField("unbounded").getGenericType()));
  }

  // Strict mode cannot describe free property names, so a map travels as key/value entries.
  private static String entries(String value) {
    return "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"key\":"
        + "{\"type\":\"string\"},\"value\":" + value + "},\"required\":[\"key\",\"value\"],"
        + "\"additionalProperties\":false}}";
  }

  @Test
  void mapIsAnArrayOfKeyValueEntries() {
    assertEquals(entries("{\"type\":\"integer\"}"), outputSchema(Types.mapOf(Integer.class)));
    assertEquals(entries(FINDING), outputSchema(Types.mapOf(Finding.class)));
  }

  @Test
  void recursiveRecordIsDefinedOnceAndReferencedFromTheRoot() {
    String ref = "{\"$ref\":\"#/$defs/JsonSchemasTest_Node\"}";
    String node = object("\"name\":" + STRING + ",\"children\":{\"type\":\"array\",\"items\":"
        + ref + "}", "\"name\",\"children\"");
    assertEquals(node.substring(0, node.length() - 1) + ",\"$defs\":{\"JsonSchemasTest_Node\":"
        + node + "}}", outputSchema(Node.class));
  }

  @Test
  void wrappingMovesDefinitionsToTheNewRoot() {
    String list = outputSchema(Types.listOf(Node.class));
    String wrapped = JsonSchemas.wrapValue(list);
    int at = list.indexOf(",\"$defs\":");
    assertEquals("{\"type\":\"object\",\"properties\":{\"value\":" + list.substring(0, at)
        + "}},\"required\":[\"value\"],\"additionalProperties\":false" + list.substring(at), wrapped);
    assertEquals(1, wrapped.split("\\$defs\"").length - 1, wrapped);
  }

  @Test
  void inputsAreAnObjectOfParametersByName() {
    AgentSpec a = agent(b -> b.input("text", String.class)
        .input("count", int.class, "How many \"items\"\n")
        .input("severity", Severity.class));
    assertEquals(object("\"text\":" + STRING + ","
            + "\"count\":{\"description\":\"How many \\\"items\\\"\\n\",\"type\":\"integer\"},"
            + "\"severity\":{\"type\":\"string\",\"enum\":[\"LOW\",\"HIGH\"]}",
        "\"text\",\"count\",\"severity\""), a.inputSchema());
  }

  @Test
  void noInputsIsAnEmptyObject() {
    assertEquals(object("", ""), agent(b -> { }).inputSchema());
  }

  @Test
  void inputOfEachKind() {
    assertEquals(object("\"x\":" + FINDING, "\"x\""), inputSchema(Finding.class));
    assertEquals(object("\"x\":{\"type\":[\"integer\",\"null\"]}", "\"x\""),
        inputSchema(Types.optionalOf(Integer.class)));
    assertEquals(object("\"x\":" + entries(STRING), "\"x\""), inputSchema(Types.mapOf(String.class)));
  }

  @Test
  void explicitSchemasWin() {
    AgentSpec a = agent(b -> b.input("x", Finding.class).output(Finding.class)
        .inputSchema("{\"type\":\"object\"}").outputSchema("{}"));
    assertEquals("{\"type\":\"object\"}", a.inputSchema());
    assertEquals("{}", a.outputSchema());
  }

  @Test
  void unsupportedTypesAreUnconstrained() {
    assertEquals("{}", outputSchema(Object.class));
    assertEquals("{}", outputSchema(List.class));
  }
}
