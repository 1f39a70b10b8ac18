package dev.baton.processor;

import static dev.baton.processor.Compilations.assertOneError;
import static dev.baton.processor.Compilations.compile;
import static dev.baton.processor.Compilations.support;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import org.junit.jupiter.api.Test;

/** {@code @Parallel(over = ...)}: one branch per element, checked on the annotation's lines. */
class ParallelOverRulesTest {
  private static final String TYPES = """
      record Claim(String text) {}
      record Verdict(boolean holds) {}
      """;

  @Test
  void forkOverAListCompilesAndCarriesTheOverInput() {
    Compilation c = compile(support(TYPES + """
        @Parallel(over = "claims", agents = "checkClaim", timeout = "30s", maxConcurrency = 16)
        Results<Verdict> checkAll(List<Claim> claims, String policy);

        @Agent(instructions = "Check the claim against the policy.")
        Verdict checkClaim(Claim claim, String policy);
        """));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    assertTrue(Compilations.generated(c, "com.acme.SupportRunner").contains(".over(\"claims\")"));
  }

  @Test
  void setsArraysAndAnAggregatingLlmAgentToo() {
    Compilation c = compile(support(TYPES + """
        @Agent(instructions = "Sum up the verdicts.")
        @Parallel(over = "claims", agents = "checkClaim")
        String summary(Claim[] claims, String policy);

        @Parallel(over = "claims", agents = "checkClaim")
        Results<Verdict> checkSet(Set<Claim> claims, String policy);

        @Agent(instructions = "Check.") Verdict checkClaim(Claim claim, String policy);
        """));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void overNamesNoParameter() {
    Compilation c = compile(support(TYPES + """
        @Parallel(agents = "checkClaim",
            over = "claim")
        Results<Verdict> checkAll(List<Claim> claims);

        @Agent(instructions = "Check.") Verdict checkClaim(Claim claim);
        """));
    assertOneError(c, "OverParameter", "over = \"claim\")");
    CompilationSubject.assertThat(c).hadErrorContaining("did you mean \"claims\"?");
  }

  @Test
  void overParameterIsNotACollection() {
    Compilation c = compile(support(TYPES + """
        @Parallel(agents = "checkClaim",
            over = "claim")
        Results<Verdict> checkAll(Claim claim);

        @Agent(instructions = "Check.") Verdict checkClaim(Claim claim);
        """));
    assertOneError(c, "OverParameter", "over = \"claim\")");
  }

  @Test
  void overWithTwoAgents() {
    Compilation c = compile(support(TYPES + """
        @Parallel(over = "claims",
            agents = {"checkClaim", "recheck"})
        Results<Verdict> checkAll(List<Claim> claims);

        @Agent(instructions = "Check.") Verdict checkClaim(Claim claim);
        @Agent(instructions = "Check again.") Verdict recheck(Claim claim);
        """));
    assertOneError(c, "OverBranches", "agents = {\"checkClaim\", \"recheck\"})");
  }

  @Test
  void elementNotAssignableToTheBranchsFirstParameter() {
    Compilation c = compile(support(TYPES + """
        @Parallel(over = "claims",
            agents = "checkClaim")
        Results<Verdict> checkAll(List<String> claims, String policy);

        @Agent(instructions = "Check.") Verdict checkClaim(Claim claim, String policy);
        """));
    assertOneError(c, "BranchInput", "agents = \"checkClaim\")");
    CompilationSubject.assertThat(c).hadErrorContaining("as its first parameter \"claim\"");
  }

  @Test
  void otherParametersBindByName() {
    Compilation c = compile(support(TYPES + """
        @Parallel(over = "claims",
            agents = "checkClaim")
        Results<Verdict> checkAll(List<Claim> claims, String rules);

        @Agent(instructions = "Check.") Verdict checkClaim(Claim claim, String policy);
        """));
    assertOneError(c, "BranchInput", "agents = \"checkClaim\")");
    CompilationSubject.assertThat(c).hadErrorContaining("takes parameter \"policy\"");
  }

  @Test
  void resultTypeRuleHolds() {
    Compilation c = compile(support(TYPES + """
        @Parallel(over = "claims",
            agents = "checkClaim")
        Results<Verdict> checkAll(List<Claim> claims);

        @Agent(instructions = "Check.") String checkClaim(Claim claim);
        """));
    assertOneError(c, "ParallelResult", "agents = \"checkClaim\")");
  }
}
