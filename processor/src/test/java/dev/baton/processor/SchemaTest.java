package dev.baton.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentSpec;
import dev.baton.runtime.model.ScriptedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON Schemas computed at compile time, as the generated runner's graph carries them. */
class SchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static AgentGraph graph;

  @BeforeAll
  static void compile() {
    CompiledClasses classes = new CompiledClasses(Compilations.compile(Compilations.support("""
        enum Severity { LOW, HIGH }

        /**
         * A finding.
         *
         * @param title what was found, in one line
         */
        record Finding(String title, @Param("how bad") Severity severity, Optional<String> note,
            int[] lines, Set<Character> tags, double score, Map<String, Integer> counts,
            Optional<Finding> cause) {}

        /**
         * Finds problems.
         *
         * @param text the text to search
         * @param limit at most this many
         */
        @Agent(instructions = "Find.")
        List<Finding> find(String text, @Param("at most this many \\"findings\\"") long limit,
            Optional<Severity> floor, boolean strict);

        @Agent(instructions = "Echo.") String echo(String text);
        """)));
    Object runner = classes.runner("com.acme.SupportRunner", "model", ScriptedModel.builder().build());
    graph = (AgentGraph) CompiledClasses.invoke(runner, "graph");
  }

  private static JsonNode parse(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void inputSchemaIsAStrictObjectOfTheParameters() throws Exception {
    AgentSpec find = graph.agent("find");
    JsonNode schema = parse(find.inputSchema());
    assertEquals("object", schema.get("type").asText());
    assertEquals(false, schema.get("additionalProperties").asBoolean());
    assertEquals("[\"text\",\"limit\",\"floor\",\"strict\"]", schema.get("required").toString());
    JsonNode p = schema.get("properties");
    assertEquals("{\"description\":\"the text to search\",\"type\":\"string\"}", p.get("text").toString());
    // @Param wins over the Javadoc, and quotes are escaped.
    assertEquals("{\"description\":\"at most this many \\\"findings\\\"\",\"type\":\"integer\"}",
        p.get("limit").toString());
    // An enum constrains null too: a nullable enum lists null among its values.
    assertEquals("{\"type\":[\"string\",\"null\"],\"enum\":[\"LOW\",\"HIGH\",null]}",
        p.get("floor").toString());
    assertEquals("{\"type\":\"boolean\"}", p.get("strict").toString());
  }

  @Test
  void outputSchemaDescribesRecordsEnumsCollectionsAndRecursion() throws Exception {
    JsonNode schema = parse(graph.agent("find").outputSchema());
    assertEquals("array", schema.get("type").asText());
    JsonNode finding = schema.get("items");
    assertEquals("[\"title\",\"severity\",\"note\",\"lines\",\"tags\",\"score\",\"counts\",\"cause\"]",
        finding.get("required").toString());
    JsonNode p = finding.get("properties");
    assertEquals("what was found, in one line", p.get("title").get("description").asText());
    assertEquals("{\"description\":\"how bad\",\"type\":\"string\",\"enum\":[\"LOW\",\"HIGH\"]}",
        p.get("severity").toString());
    assertEquals("{\"type\":[\"string\",\"null\"]}", p.get("note").toString());
    assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}", p.get("lines").toString());
    assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", p.get("tags").toString());
    assertEquals("{\"type\":\"number\"}", p.get("score").toString());
    assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"key\":"
        + "{\"type\":\"string\"},\"value\":{\"type\":\"integer\"}},\"required\":[\"key\",\"value\"],"
        + "\"additionalProperties\":false}}", p.get("counts").toString());
    assertEquals("{\"anyOf\":[{\"$ref\":\"#/$defs/Support_Finding\"},{\"type\":\"null\"}]}",
        p.get("cause").toString());
    assertEquals("object", schema.get("$defs").get("Support_Finding").get("type").asText());
  }

  @Test
  void stringOutputHasNoSchema() {
    assertEquals("", graph.agent("echo").outputSchema());
  }
}
