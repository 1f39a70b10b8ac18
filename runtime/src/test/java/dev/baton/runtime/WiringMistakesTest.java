package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Wiring mistakes the compiler cannot see fail the run (or the runner's build) with a message that
 * says what to do; none of them reaches the model as an error result.
 */
@org.junit.jupiter.api.extension.ExtendWith(NoRunThreadsLeft.class)
class WiringMistakesTest {
  static final String OWNER = "test.ReviewTools";
  static final String EMPTY = "{\"type\":\"object\",\"properties\":{},\"required\":[],"
      + "\"additionalProperties\":false}";

  /** A context type, as tools declare it. */
  interface Workspace {
    List<String> changedFiles();
  }

  /** An implementation a user passes. */
  record GitWorkspace(List<String> changedFiles) implements Workspace {}

  static final ToolSpec CHANGED_FILES = new ToolSpec("changedFiles", "Lists the changed files.",
      EMPTY, false, OWNER, List.of(Workspace.class.getCanonicalName()));

  // review fans out to security and style; only security's tool needs the Workspace. lint is
  // another entry that reaches no tool with a @Context parameter.
  static AgentGraph graph() {
    return AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("diff", String.class).output(String.class)
            .parallel("security", "style"))
        .llmAgent("security", a -> a.instructions("Check security.").input("diff", String.class)
            .tool(CHANGED_FILES))
        .llmAgent("style", a -> a.instructions("Check style.").input("diff", String.class))
        .llmAgent("lint", a -> a.instructions("Lint.").input("diff", String.class))
        .build();
  }

  static ToolInvoker tools(AtomicInteger calls) {
    return (tool, args, ctx) -> {
      calls.incrementAndGet();
      return ctx.get(Workspace.class).changedFiles();
    };
  }

  static ScriptedModel model() {
    return ScriptedModel.builder()
        .agent("security", s -> s.call("changedFiles", "{}").reply("no issues"))
        .agent("style", s -> s.reply("fine"))
        .agent("lint", s -> s.reply("clean"))
        .build();
  }

  @Test
  void aMissingContextObjectFailsTheRunAtItsStartNamingTypeToolAndFix() {
    ScriptedModel model = model();
    AtomicInteger calls = new AtomicInteger();
    Orchestrator o = Orchestrator.builder(graph()).model(model).tools(OWNER, tools(calls)).build();
    Run<Object> run = o.start("review", "diff");

    RunSetupException e = assertThrows(RunSetupException.class, run::await);
    assertTrue(e.getMessage().contains("no context object of type " + Workspace.class.getCanonicalName()),
        e.getMessage());
    assertTrue(e.getMessage().contains("tool \"changedFiles\" of agent \"security\""), e.getMessage());
    assertTrue(e.getMessage().contains("RunOptions.builder().context("), e.getMessage());
    assertEquals(RunStatus.FAILED, run.status());
    assertEquals(0, model.callCount(), "failed before any model call");
    assertEquals(0, calls.get());
    assertTrue(run.events().anyMatch(ev -> ev instanceof RunEvent.RunFailed f
        && f.error().contains("changedFiles")));
  }

  @Test
  void anObjectOfASubtypeServesTheContextType() {
    AtomicInteger calls = new AtomicInteger();
    Orchestrator o = Orchestrator.builder(graph()).model(model()).tools(OWNER, tools(calls))
        .options(RunOptions.builder().context(new GitWorkspace(List.of("A.java"))).build()).build();
    o.call("review", "diff");
    assertEquals(1, calls.get());
  }

  @Test
  void anEntryThatReachesNoSuchToolNeedsNoContext() {
    Orchestrator o = Orchestrator.builder(graph()).model(model())
        .tools(OWNER, tools(new AtomicInteger())).build();
    assertEquals("clean", o.call("lint", "diff"));
  }

  @Test
  void aContextLookedUpInsideABranchToolFailsTheRunNotJustTheBranch() {
    // The tool declares no @Context type, so only the look-up at call time can notice.
    ToolSpec undeclared = new ToolSpec("changedFiles", "Lists the changed files.", EMPTY, false, OWNER);
    AgentGraph g = AgentGraph.builder("Review")
        .fanOut("review", a -> a.input("diff", String.class).output(String.class)
            .parallel("security", "style"))
        .llmAgent("security", a -> a.instructions("Check.").input("diff", String.class).tool(undeclared))
        .llmAgent("style", a -> a.instructions("Check style.").input("diff", String.class))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("security", s -> s.call("changedFiles", "{}").reply("no issues"))
        .agent("style", s -> s.reply("fine"))
        .build();
    Run<Object> run = Orchestrator.builder(g).model(model).tools(OWNER, tools(new AtomicInteger()))
        .build().start("review", "diff");
    RunSetupException e = assertThrows(RunSetupException.class, run::await);
    assertEquals("review/security", e.path());
    assertEquals(1, model.requests("security").size(), "the model never saw the mistake");
  }

  @Test
  void aScriptForAnAgentNotInTheGraphFailsTheBuildWithDidYouMean() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("secruity", s -> s.reply("no issues"))
        .agent("style", s -> s.reply("fine"))
        .agent("review", s -> s.reply("?"))
        .build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Orchestrator.builder(graph()).model(model).tools(OWNER, tools(new AtomicInteger())).build());
    assertTrue(e.getMessage().contains("ScriptedModel has a script for \"review\", a fan-out, which never calls the model, and for"
        + " \"secruity\", which is not an agent of Review; did you mean \"security\"?"),
        e.getMessage());
  }

  @Test
  void aPathScriptForAnAgentNotInTheGraphFailsTheBuildWithDidYouMean() {
    ScriptedModel model = ScriptedModel.builder()
        .path("review/secruity", s -> s.reply("no issues"))
        .agent("style", s -> s.reply("fine"))
        .path("review", s -> s.reply("?"))
        .build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Orchestrator.builder(graph()).model(model).tools(OWNER, tools(new AtomicInteger())).build());
    assertTrue(e.getMessage().contains("ScriptedModel has a script for path \"review\", whose agent"
        + " \"review\" is a fan-out, which never calls the model, and for path \"review/secruity\","
        + " whose agent \"secruity\" is not an agent of Review; did you mean \"security\"?"),
        e.getMessage());
  }

  @Test
  void aPathScriptForOneElementOfAForkOverAListNamesItsAgent() {
    // Branches of a fork over elements run at review/security[0], review/security[1], ...
    ScriptedModel model = ScriptedModel.builder()
        .path("review/security[0]", s -> s.reply("no issues"))
        .path("review/security#2", s -> s.reply("no issues"))
        .agent("style", s -> s.reply("fine"))
        .build();
    Orchestrator.builder(graph()).model(model).tools(OWNER, tools(new AtomicInteger())).build();
  }

  @Test
  void aMissingStepNamesAPathScriptWhosePathDiffersFromTheCall() {
    // The agent is right, the path is not: security runs at review/security, not review>security.
    ScriptedModel model = ScriptedModel.builder()
        .path("review>security", s -> s.call("changedFiles", "{}").reply("no issues"))
        .agent("style", s -> s.reply("fine"))
        .build();
    Run<Object> run = Orchestrator.builder(graph()).model(model).tools(OWNER, tools(new AtomicInteger()))
        .options(RunOptions.builder().context(new GitWorkspace(List.of())).build())
        .build().start("review", "diff");
    RunSetupException e = assertThrows(RunSetupException.class, run::await);
    assertTrue(e.getMessage().contains("no step 1 for agent \"security\"; its script has 0 steps (the"
        + " script for path \"review>security\" may be meant for it; this call's path is"
        + " \"review/security\")"), e.getMessage());
  }

  @Test
  void aModelSharedWithAnotherGraphMayScriptThatGraphsAgents() {
    // One model for two systems, as one Model bean serves every runner of an application.
    ScriptedModel model = ScriptedModel.builder()
        .agent("security", s -> s.reply("no issues"))
        .agent("style", s -> s.reply("fine"))
        .agent("frontDesk", s -> s.reply("hello"))
        .build();
    Orchestrator.builder(graph()).model(model).tools(OWNER, tools(new AtomicInteger())).build();

    ScriptedModel foreign = ScriptedModel.builder().agent("frontDesk", s -> s.reply("hello")).build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Orchestrator.builder(graph()).model(foreign).tools(OWNER, tools(new AtomicInteger())).build());
    assertTrue(e.getMessage().contains("\"frontDesk\", which is not an agent of Review; its LLM agents"
        + " are [security, style, lint]"), e.getMessage());
  }

  @Test
  void aMissingStepNamesAScriptThatMayBeMeantForTheAgent() {
    // Built without the check, as a model handed to a runner of another graph would be.
    ScriptedModel model = ScriptedModel.builder().agent("lnit", s -> s.reply("clean")).build();
    Run<Object> run = Orchestrator.builder(AgentGraph.builder("Lint")
            .llmAgent("lint", a -> a.instructions("Lint.").input("diff", String.class))
            .llmAgent("lnit", a -> a.instructions("Other.").input("diff", String.class)).build())
        .model(model).build().start("lint", "diff");
    RunSetupException e = assertThrows(RunSetupException.class, run::await);
    assertTrue(e.getMessage().contains("no step 1 for agent \"lint\"; its script has 0 steps (the"
        + " script for \"lnit\" may be meant for it)"), e.getMessage());
  }

  @Test
  void aScriptThatRunsOutInABranchFailsTheRunInsteadOfTheBranch() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("security", s -> s.reply("no issues"))
        .build();
    Run<Object> run = Orchestrator.builder(graph()).model(model).tools(OWNER, tools(new AtomicInteger()))
        .options(RunOptions.builder().context(new GitWorkspace(List.of())).build())
        .build().start("review", "diff");
    RunSetupException e = assertThrows(RunSetupException.class, run::await);
    assertTrue(e.getMessage().contains("no step 1 for agent \"style\""), e.getMessage());
    assertEquals("review/style", e.path());
  }

  @Test
  void aCodeAgentWithoutBodyBehindADelegateFailsTheRunInsteadOfAnsweringTheModel() {
    AgentGraph g = AgentGraph.builder("Desk")
        .llmAgent("boss", a -> a.instructions("Delegate.").input("task", String.class))
        .codeAgent("worker", a -> a.input("task", String.class).output(String.class))
        .delegate("boss", "worker")
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("boss", s -> s.delegate("worker", "{\"task\": \"t\"}").reply("done"))
        .build();
    Run<Object> run = Orchestrator.builder(g).model(model).build().start("boss", "x");
    RunSetupException e = assertThrows(RunSetupException.class, run::await);
    assertTrue(e.getMessage().contains("codeAgent(\"worker\""), e.getMessage());
    assertEquals(1, model.callCount(), "the model never saw the mistake as a tool result");
  }
}
