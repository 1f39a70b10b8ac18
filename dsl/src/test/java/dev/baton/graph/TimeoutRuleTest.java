package dev.baton.graph;

import static dev.baton.graph.GraphAssertions.assertProblem;
import static dev.baton.graph.GraphAssertions.assertValid;
import static dev.baton.graph.GraphAssertions.llm;
import static dev.baton.graph.GraphAssertions.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Timeout through the fluent builder. */
class TimeoutRuleTest {

  private static AgentGraph.Builder review(String timeout) {
    return AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("message", String.class).output(String.class)
            .parallel("security").timeout(timeout))
        .llmAgent("security", llm());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "soon | has no unit",
      "20   | has no unit",
      "-1s  | must be positive",
      "0s   | must be positive",
      "PT0S | must be positive",
      "PT-5S | must be positive",
      "PTxS | is not valid ISO-8601",
      "99999999999999999999s | is too large",
      "9999999999999999h | is too large",
  })
  void invalidTimeoutIsReportedWithItsValue(String timeout, String reason) {
    Problem p = onlyProblem(review(timeout));
    assertProblem(p, ProblemCode.TIMEOUT, "review", "Parallel.timeout", timeout,
        "@Parallel timeout \"" + timeout + "\" " + reason, "(on \"review\")");
  }

  @Test
  void unitlessTimeoutNamesTheAcceptedForms() {
    Problem p = onlyProblem(review("20"));
    assertProblem(p, ProblemCode.TIMEOUT, "review", "Parallel.timeout", "20",
        "\"500ms\", \"20s\", \"2m\", \"1h\"", "ISO-8601 (\"PT20S\")");
  }

  @ParameterizedTest
  @CsvSource({"500ms, 500", "20s, 20000", "2m, 120000", "1h, 3600000", "PT20S, 20000",
      "' 20s ', 20000"})
  void validTimeoutsBuild(String timeout, long millis) {
    AgentGraph g = assertValid(review(timeout));
    assertEquals(Optional.of(Duration.ofMillis(millis)),
        g.agent("review").parallel().timeoutDuration());
  }

  @Test
  void noTimeoutMeansNone() {
    AgentGraph g = assertValid(review(""));
    assertEquals(Optional.empty(), g.agent("review").parallel().timeoutDuration());
  }

  @Test
  void timeoutOfAnAggregatingLlmAgentIsCheckedToo() {
    Problem p = onlyProblem(AgentGraph.builder("Inspection")
        .llmAgent("inspect", a -> a.instructions("Aggregate.").input("message", String.class)
            .parallel("p78").timeout("soon"))
        .llmAgent("p78", llm()));
    assertProblem(p, ProblemCode.TIMEOUT, "inspect", "Parallel.timeout", "soon");
  }
}
