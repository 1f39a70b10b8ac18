package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(NoRunThreadsLeft.class)
class CodeAgentTest {
  static AgentGraph newsroom() {
    return AgentGraph.builder("Newsroom")
        .codeAgent("newsroom", a -> a.input("topic", String.class))
        .llmAgent("research", a -> a.instructions("Research.").input("topic", String.class))
        .llmAgent("write", a -> a.instructions("Write.").input("notes", String.class))
        .llmAgent("edit", a -> a.instructions("Edit.").input("draft", String.class))
        .llmAgent("backup", a -> a.instructions("Write plainly.").input("notes", String.class))
        .llmAgent("supervisor", a -> a.instructions("Delegate.").input("task", String.class))
        .call("newsroom", "research").call("newsroom", "write").call("newsroom", "edit")
        .call("newsroom", "backup")
        .delegate("supervisor", "research")
        .build();
  }

  @Test
  void codeAgentCallsSiblingsInItsBranchConversation() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("research", s -> s.reply("notes").reply("more notes"))
        .agent("write", s -> s.reply("draft"))
        .agent("edit", s -> s.reply("final"))
        .build();
    Orchestrator o = Orchestrator.builder(newsroom()).model(model)
        .codeAgent("newsroom", (self, args) -> {
          String notes = self.call("research", args[0]);
          String more = self.call("research", args[0] + " again");
          String draft = self.call("write", notes + more);
          return self.call("edit", draft);
        })
        .build();
    Run<Object> run = o.start("newsroom", "tides");
    assertEquals("final", run.await());
    assertEquals(List.of("newsroom/research", "newsroom/research#2", "newsroom/write", "newsroom/edit"),
        model.requests().stream().map(r -> r.path()).toList());
    // Each call appends its input and output to the branch: the editor sees the research.
    String editorSaw = model.requests("edit").get(0).messages().toString();
    assertTrue(editorSaw.contains("tides") && editorSaw.contains("notes") && editorSaw.contains("draft"), editorSaw);
    assertTrue(run.events().anyMatch(e -> e instanceof RunEvent.AgentStarted s && s.path().equals("newsroom")
        && s.kind().equals("CODE")));
  }

  @Test
  void fallbackIsPlainJavaAroundAFailingCall() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("write", s -> s.fail(new ModelCallException("r", "p", 503, 4, "provider down", null)))
        .agent("backup", s -> s.reply("plain draft"))
        .build();
    Orchestrator o = Orchestrator.builder(newsroom()).model(model)
        .codeAgent("newsroom", (self, args) -> {
          try {
            return self.call("write", args[0]);
          } catch (ModelCallException e) {
            return self.call("backup", args[0]);
          }
        })
        .build();
    assertEquals("plain draft", o.call("newsroom", "tides"));
  }

  @Test
  void delegateRunsOnAFreshConversationUnderItsPath() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("supervisor", s -> s.call("research", "{\"topic\":\"eels\"}").respond(r ->
            ModelResponse.text("summary of " + r.messages().get(r.messages().size() - 1))))
        .agent("research", s -> s.reply("eels migrate"))
        .build();
    Orchestrator o = Orchestrator.builder(newsroom()).model(model).build();
    String answer = o.call("supervisor", "secret customer context");
    assertTrue(answer.contains("eels migrate"), answer);
    var researchRequest = model.requests("research").get(0);
    assertEquals("supervisor+research", researchRequest.path());
    assertTrue(!researchRequest.messages().toString().contains("secret customer context"));
  }

  @Test
  void codeAgentWithoutBodyIsAClearError() {
    Orchestrator o = Orchestrator.builder(newsroom()).model(ScriptedModel.builder().build()).build();
    RunSetupException e = assertThrows(RunSetupException.class, () -> o.call("newsroom", "x"));
    assertTrue(e.getMessage().contains("codeAgent(\"newsroom\""));
  }

  @Test
  void missingModelOrToolInstanceFailsBuildNamingIt() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Orchestrator.builder(newsroom()).build());
    assertTrue(e.getMessage().contains("no model"));
    IllegalStateException tools = assertThrows(IllegalStateException.class,
        () -> Orchestrator.builder(ToolsTest.graph()).model(ScriptedModel.builder().build()).build());
    assertTrue(tools.getMessage().contains(ToolsTest.OWNER));
  }
}
