package dev.baton.processor;

import static dev.baton.processor.Compilations.compile;
import static dev.baton.processor.Compilations.support;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import dev.baton.graph.AgentGraph;
import dev.baton.graph.Problem;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The processor and the fluent builder report the same codes for the same graph: each case is one
 * broken graph written once as annotations and once as builder calls.
 */
class SameCodesTest {
  private static final Pattern CODE = Pattern.compile("\\[Baton/(\\w+)]");

  private static Consumer<AgentGraph.AgentBuilder> llm(String instructions) {
    return a -> a.instructions(instructions).input("message", String.class).output(String.class);
  }

  static Stream<Arguments> graphs() {
    String long61 = "a".repeat(61);
    return Stream.of(
        Arguments.of("unknown handoff target", """
            @Agent(instructions = "Desk.") @Handoff(to = "biling") String desk(String message);
            @Agent(instructions = "Bill.", description = "Bills.") String billing(String message);
            """, AgentGraph.builder("Support").llmAgent("desk", llm("Desk."))
            .llmAgent("billing", llm("Bill.")).handoff("desk", "biling", false)),
        Arguments.of("self reference", """
            @Agent(instructions = "Echo.") @Handoff(to = "echo") String echo(String message);
            """, AgentGraph.builder("Support").llmAgent("echo", llm("Echo."))
            .handoff("echo", "echo", false)),
        Arguments.of("one-way handoff type", """
            @Agent(instructions = "Route.") @Handoff(to = "score") String route(String message);
            @Agent(instructions = "Score.", description = "Scores.") Integer score(String message);
            """, AgentGraph.builder("Support").llmAgent("route", llm("Route."))
            .llmAgent("score", a -> a.instructions("Score.").input("message", String.class)
                .output(Integer.class))
            .handoff("route", "score", false)),
        Arguments.of("branch input and result", """
            @Parallel(agents = "check") Results<String> all(String message);
            @Agent(instructions = "Check.") Integer check(String text);
            """, AgentGraph.builder("Support")
            .fanOut("all", a -> a.input("message", String.class).output(String.class).parallel("check"))
            .llmAgent("check", a -> a.instructions("Check.").input("text", String.class)
                .output(Integer.class))),
        Arguments.of("timeout, maxConcurrency", """
            @Parallel(agents = "check", timeout = "soon", maxConcurrency = -1)
            Results<String> all(String message);
            @Agent(instructions = "Check.") String check(String message);
            """, AgentGraph.builder("Support")
            .fanOut("all", a -> a.input("message", String.class).output(String.class)
                .parallel("check").timeout("soon").maxConcurrency(-1))
            .llmAgent("check", llm("Check."))),
        Arguments.of("maxTurns and placeholder", """
            @Agent(instructions = "Desk.", maxTurns = 0, prompt = "{mesage}") String desk(String message);
            """, AgentGraph.builder("Support")
            .llmAgent("desk", a -> a.instructions("Desk.").input("message", String.class)
                .output(String.class).maxTurns(0).prompt("{mesage}"))),
        Arguments.of("cycle of back-handoffs", """
            @Agent(instructions = "A.", description = "A.") @Handoff(to = "b", back = true) String a(String message);
            @Agent(instructions = "B.", description = "B.") @Handoff(to = "a", back = true) String b(String message);
            """, AgentGraph.builder("Support").llmAgent("a", llm("A.")).llmAgent("b", llm("B."))
            .handoff("a", "b", true).handoff("b", "a", true)),
        Arguments.of("handoff from a fan-out", """
            @Parallel(agents = "check") @Handoff(to = "check") Results<String> all(String message);
            @Agent(instructions = "Check.", description = "Checks.") String check(String message);
            """, AgentGraph.builder("Support")
            .fanOut("all", a -> a.input("message", String.class).output(String.class).parallel("check"))
            .llmAgent("check", llm("Check.")).handoff("all", "check", false)),
        Arguments.of("tool name too long", """
            @Agent(instructions = "Desk.") @Handoff(to = "%s") String desk(String message);
            @Agent(instructions = "L.", description = "L.") String %s(String message);
            """.formatted(long61, long61), AgentGraph.builder("Support").llmAgent("desk", llm("Desk."))
            .llmAgent(long61, llm("L.")).handoff("desk", long61, false)),
        Arguments.of("fork over a missing parameter, with two agents", """
            @Parallel(over = "claim", agents = {"check", "recheck"}) Results<String> all(List<String> claims);
            @Agent(instructions = "Check.") String check(String claim);
            @Agent(instructions = "Check.") String recheck(String claim);
            """, AgentGraph.builder("Support")
            .fanOut("all", a -> a.input("claims", dev.baton.graph.Types.listOf(String.class))
                .output(String.class).parallel("check", "recheck").over("claim"))
            .llmAgent("check", a -> a.instructions("Check.").input("claim", String.class)
                .output(String.class))
            .llmAgent("recheck", a -> a.instructions("Check.").input("claim", String.class)
                .output(String.class))),
        Arguments.of("fork over elements of the wrong type", """
            @Parallel(over = "claims", agents = "check") Results<String> all(List<Integer> claims);
            @Agent(instructions = "Check.") String check(String claim);
            """, AgentGraph.builder("Support")
            .fanOut("all", a -> a.input("claims", dev.baton.graph.Types.listOf(Integer.class))
                .output(String.class).parallel("check").over("claims"))
            .llmAgent("check", a -> a.instructions("Check.").input("claim", String.class)
                .output(String.class))),
        Arguments.of("delegate clashing with a handoff tool", """
            @Agent(instructions = "Desk.") @Handoff(to = "billing")
            @Delegate(to = "ledger", tool = "transfer_to_billing") String desk(String message);
            @Agent(instructions = "Bill.", description = "Bills.") String billing(String message);
            @Agent(instructions = "Ledger.", description = "Books.") String ledger(String message);
            """, AgentGraph.builder("Support").llmAgent("desk", llm("Desk."))
            .llmAgent("billing", llm("Bill.")).llmAgent("ledger", llm("Ledger."))
            .handoff("desk", "billing", false)
            .delegate("desk", "ledger", "transfer_to_billing", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  void processorAndBuilderAgree(String name, String annotated, AgentGraph.Builder built) {
    Compilation c = compile(support(annotated));
    List<String> processor = c.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> code(d.getMessage(null))).sorted().toList();
    List<String> builder = built.validate().stream().map(Problem::code)
        .map(dev.baton.graph.ProblemCode::code).sorted().toList();
    assertFalse(builder.isEmpty(), "the case must be broken");
    assertEquals(builder, processor, () -> c.diagnostics().toString());
  }

  private static String code(String message) {
    Matcher m = CODE.matcher(message);
    return m.find() ? m.group(1) : message;
  }
}
