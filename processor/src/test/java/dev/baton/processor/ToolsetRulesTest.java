package dev.baton.processor;

import static dev.baton.processor.Compilations.assertOneError;
import static dev.baton.processor.Compilations.compile;
import static dev.baton.processor.Compilations.generated;
import static dev.baton.processor.Compilations.support;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import org.junit.jupiter.api.Test;

/** {@code @Agent(toolsets = ...)}: the form of the names, and the runner's toolset setter. */
class ToolsetRulesTest {
  @Test
  void malformedToolsetNameIsReportedOnTheArrayElement() {
    Compilation c = compile(support("""
        @Agent(instructions = "Triage.", toolsets = {"tracker",
            "issue tracker"})
        String triage(String message);
        """));
    assertOneError(c, "Toolset", "\"issue tracker\"})");
    CompilationSubject.assertThat(c).hadErrorContaining("toolset name \"issue tracker\" of"
        + " \"triage\" must be a letter followed by letters, digits, '_' or '-'");
  }

  @Test
  void toolsetListedTwiceIsAnError() {
    Compilation c = compile(support("""
        @Agent(instructions = "Triage.", toolsets = {"tracker", "tracker"})
        String triage(String message);
        """));
    CompilationSubject.assertThat(c).failed();
    CompilationSubject.assertThat(c).hadErrorContaining("[Baton/Toolset] toolset \"tracker\" is"
        + " listed more than once on \"triage\"");
  }

  @Test
  void runnerOfASystemWithToolsetsDeclaresThemAndTakesABinding() {
    Compilation c = compile(support("""
        @Agent(instructions = "Triage.", toolsets = "tracker")
        String triage(String message);
        """));
    CompilationSubject.assertThat(c).succeeded();
    String runner = generated(c, "com.acme.SupportRunner");
    assertTrue(runner.contains(".toolsets(\"tracker\")"), runner);
    assertTrue(runner.contains("public Builder toolset(String name, Toolset toolset)"), runner);
    assertTrue(runner.contains("toolsets.forEach(orchestrator::toolset)"), runner);
    assertTrue(runner.contains("return List.of(\"tracker\");"), runner);
    assertTrue(runner.contains("no agent of Support lists toolset"), runner);
  }

  @Test
  void runnerWithoutToolsetsHasNoToolsetSetter() {
    Compilation c = compile(support("""
        @Agent(instructions = "Triage.")
        String triage(String message);
        """));
    CompilationSubject.assertThat(c).succeeded();
    assertFalse(generated(c, "com.acme.SupportRunner").contains("Toolset"));
  }
}
