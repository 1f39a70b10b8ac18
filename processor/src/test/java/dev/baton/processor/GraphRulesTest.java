package dev.baton.processor;

import static dev.baton.processor.Compilations.assertOneError;
import static dev.baton.processor.Compilations.compile;
import static dev.baton.processor.Compilations.support;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import org.junit.jupiter.api.Test;

/** The graph rules of the shared validator, placed on the annotation values that break them. */
class GraphRulesTest {
  @Test
  void unknownHandoffTargetSuggestsTheClosestAgent() {
    Compilation c = compile(support("""
        @Agent(instructions = "You are the front desk.")
        @Handoff(to = "biling", back = true)
        @Handoff(to = "technical", back = true)
        String frontDesk(String message);

        @Agent(instructions = "Billing.", description = "Resolves invoices.")
        String billing(String problem);

        @Agent(instructions = "Technical.", description = "Fixes bugs.")
        String technical(String problem);
        """));
    assertOneError(c, "UnknownAgent", "to = \"biling\"");
    CompilationSubject.assertThat(c).hadErrorContaining(
        "[Baton/UnknownAgent] @Handoff target \"biling\" is not an @Agent of Support;"
            + " did you mean \"billing\"?");
  }

  @Test
  void unknownSingleDelegateTarget() {
    Compilation c = compile(support("""
        @Agent(instructions = "Supervise.")
        @Delegate(to = "worker")
        String supervisor(String task);
        """));
    assertOneError(c, "UnknownAgent", "@Delegate(to = \"worker\")");
  }

  @Test
  void unknownBranchIsReportedOnTheArrayElement() {
    Compilation c = compile(support("""
        @Agent
        @Parallel(agents = {"security",
            "stlye"})
        Results<String> review(String diff);

        @Agent(instructions = "Security.") String security(String diff);
        @Agent(instructions = "Style.") String style(String diff);
        """));
    assertOneError(c, "UnknownAgent", "\"stlye\"})");
  }

  @Test
  void duplicateAgentNameIsReportedOnTheSecondAgent() {
    Compilation c = compile(support("""
        @Agent(instructions = "One.") String billing(String problem);
        @Agent(name = "billing", instructions = "Two.") String invoices(String problem);
        """));
    assertOneError(c, "DuplicateAgent", "name = \"billing\"");
  }

  @Test
  void selfReference() {
    Compilation c = compile(support("""
        @Agent(instructions = "Loop.")
        @Handoff(to = "echo")
        String echo(String text);
        """));
    assertOneError(c, "SelfReference", "@Handoff(to = \"echo\")");
  }

  @Test
  void oneWayHandoffTargetMustReturnAnAssignableType() {
    Compilation c = compile(support("""
        @Agent(instructions = "Route.")
        @Handoff(to = "scorer")
        String router(String text);

        @Agent(instructions = "Score.", description = "Scores.") int scorer(String text);
        """));
    assertOneError(c, "HandoffType", "@Handoff(to = \"scorer\")");
  }

  @Test
  void branchParameterNeedsASameNamedParameter() {
    Compilation c = compile(support("""
        @Agent
        @Parallel(agents = {"security", "style"})
        Results<String> review(String diff);

        @Agent(instructions = "Security.") String security(String diff);
        @Agent(instructions = "Style.") String style(String dif);
        """));
    assertOneError(c, "BranchInput", "@Parallel(agents = {\"security\", \"style\"})");
    CompilationSubject.assertThat(c).hadErrorContaining("did you mean \"diff\"?");
  }

  @Test
  void branchOutputMustFitTheResultsElementType() {
    Compilation c = compile(support("""
        @Agent
        @Parallel(agents = {"security", "score"})
        Results<String> review(String diff);

        @Agent(instructions = "Security.") String security(String diff);
        @Agent(instructions = "Score.") int score(String diff);
        """));
    assertOneError(c, "ParallelResult", "@Parallel(agents = {\"security\", \"score\"})");
  }

  @Test
  void unparsableTimeout() {
    Compilation c = compile(support("""
        @Agent
        @Parallel(agents = {"security"},
            timeout = "20 seconds")
        Results<String> review(String diff);

        @Agent(instructions = "Security.") String security(String diff);
        """));
    assertOneError(c, "Timeout", "timeout = \"20 seconds\"");
  }

  @Test
  void zeroTimeout() {
    Compilation c = compile(support("""
        @Agent
        @Parallel(agents = {"security"}, timeout = "0s")
        Results<String> review(String diff);

        @Agent(instructions = "Security.") String security(String diff);
        """));
    assertOneError(c, "Timeout", "timeout = \"0s\"");
  }

  @Test
  void backHandoffCycleIsReportedWithItsWholePath() {
    Compilation c = compile(support("""
        @Agent(instructions = "Desk.")
        @Handoff(to = "billing", back = true)
        String frontDesk(String message);

        @Agent(instructions = "Billing.", description = "Bills.")
        @Handoff(to = "frontDesk", back = true)
        String billing(String message);
        """));
    assertOneError(c, "RecursiveCall", "@Handoff(to = \"billing\", back = true)");
    CompilationSubject.assertThat(c).hadErrorContaining("frontDesk → billing → frontDesk");
  }

  @Test
  void codeAgentCallCycleIsReportedOnTheCall() {
    Compilation c = compile(support("""
        @Agent
        default String ping(String text) {
          return pong(text);
        }

        @Agent
        default String pong(String text) {
          return this.ping(text) + "!";
        }
        """));
    assertOneError(c, "RecursiveCall", "return pong(text);");
    CompilationSubject.assertThat(c).hadErrorContaining("ping → pong → ping");
  }

  @Test
  void oneWayHandoffCycleIsLegal() {
    Compilation c = compile(support("""
        @Agent(instructions = "A.", description = "A.")
        @Handoff(to = "b")
        String a(String text);

        @Agent(instructions = "B.", description = "B.")
        @Handoff(to = "a")
        String b(String text);
        """));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void promptPlaceholderMustNameAParameter() {
    Compilation c = compile(support("""
        @Agent(instructions = "Review.",
            prompt = "Review this {langauge} diff: {diff}")
        String review(String diff, String language);
        """));
    assertOneError(c, "TemplatePlaceholder", "prompt = \"Review this {langauge} diff: {diff}\"");
    CompilationSubject.assertThat(c).hadErrorContaining("did you mean \"language\"?");
  }

  @Test
  void toolNameClashingWithAHandoffTool() {
    Compilation c = compile(support("""
        @Agent(instructions = "Desk.")
        @Handoff(to = "billing", back = true)
        @Delegate(to = "billing",
            tool = "transfer_to_billing")
        String frontDesk(String message);

        @Agent(instructions = "Billing.", description = "Bills.") String billing(String message);
        """));
    assertOneError(c, "DuplicateTool", "tool = \"transfer_to_billing\")");
  }

  @Test
  void toolClassesOfferingTheSameToolName() {
    Compilation c = compile(support("""
        @Agent(instructions = "Bill.",
            tools = {Tools.A.class,
                Tools.B.class})
        String billing(String problem);
        """), Compilations.source("com.acme.Tools", """
        package com.acme;

        import dev.baton.Tool;

        public final class Tools {
          public static class A {
            @Tool("Refunds.") public String refund(String order) { return order; }
          }
          public static class B {
            @Tool("Refunds too.") public String refund(String order) { return order; }
          }
        }
        """));
    assertOneError(c, "DuplicateTool", "Tools.B.class})");
  }

  @Test
  void llmAgentWithoutInstructions() {
    Compilation c = compile(support("""
        @Agent(description = "Bills.")
        String billing(String problem);
        """));
    assertOneError(c, "AgentSignature", "@Agent(description = \"Bills.\")");
    CompilationSubject.assertThat(c).hadErrorContaining("has no instructions");
  }

  @Test
  void maxTurnsBelowOne() {
    Compilation c = compile(support("""
        @Agent(instructions = "Bill.",
            maxTurns = 0)
        String billing(String problem);
        """));
    assertOneError(c, "MaxTurns", "maxTurns = 0)");
  }

  @Test
  void handoffFromACodeAgent() {
    Compilation c = compile(support("""
        @Agent
        @Handoff(to = "billing")
        default String flow(String problem) {
          return problem;
        }

        @Agent(instructions = "Bill.", description = "Bills.") String billing(String problem);
        """));
    assertOneError(c, "NoModel", "@Handoff(to = \"billing\")");
  }

  @Test
  void delegateFromABareFanOut() {
    Compilation c = compile(support("""
        @Parallel(agents = "billing")
        @Delegate(to = "ledger")
        Results<String> all(String problem);

        @Agent(instructions = "Bill.", description = "Bills.") String billing(String problem);
        @Agent(instructions = "Ledger.", description = "Books.") String ledger(String problem);
        """));
    assertOneError(c, "NoModel", "@Delegate(to = \"ledger\")");
  }

  @Test
  void negativeMaxConcurrency() {
    Compilation c = compile(support("""
        @Parallel(agents = "billing",
            maxConcurrency = -2)
        Results<String> all(String problem);

        @Agent(instructions = "Bill.") String billing(String problem);
        """));
    assertOneError(c, "MaxConcurrency", "maxConcurrency = -2)");
  }

  @Test
  void emptyParallel() {
    Compilation c = compile(support("""
        @Parallel(agents = {},
            timeout = "2s")
        Results<String> all(String problem);
        """));
    assertOneError(c, "EmptyParallel", "@Parallel(agents = {},");
  }

  @Test
  void duplicateBranch() {
    Compilation c = compile(support("""
        @Parallel(agents = {"billing",
            "billing"})
        Results<String> all(String problem);

        @Agent(instructions = "Bill.") String billing(String problem);
        """));
    assertOneError(c, "DuplicateBranch", "\"billing\"})");
  }

  @Test
  void handoffToA61CharacterAgentNameIsATooLongToolName() {
    String target = "a".repeat(61);
    Compilation c = compile(support("""
        @Agent(instructions = "Desk.")
        @Handoff(to = "%s")
        String desk(String message);

        @Agent(instructions = "Long.", description = "Long.") String %s(String message);
        """.formatted(target, target)));
    assertOneError(c, "ToolName", "@Handoff(to = \"" + target + "\")");
    CompilationSubject.assertThat(c).hadErrorContaining("tool name \"transfer_to_" + target
        + "\" (73 characters)");
  }

  @Test
  void delegateToA67CharacterMethodIsATooLongToolName() {
    String target = "b".repeat(67);
    Compilation c = compile(support("""
        @Agent(instructions = "Desk.")
        @Delegate(to = "%s")
        String desk(String message);

        @Agent(instructions = "Long.", description = "Long.") String %s(String message);
        """.formatted(target, target)));
    assertOneError(c, "ToolName", "@Delegate(to = \"" + target + "\")");
    CompilationSubject.assertThat(c).hadErrorContaining("(67 characters)");
  }

  @Test
  void everyProblemIsReportedNotOnlyTheFirst() {
    Compilation c = compile(support("""
        @Agent(instructions = "Desk.")
        @Handoff(to = "biling")
        @Delegate(to = "tecnical")
        String frontDesk(String message);
        """));
    CompilationSubject.assertThat(c).failed();
    CompilationSubject.assertThat(c).hadErrorCount(2);
  }
}
