package dev.baton.processor;

import static dev.baton.processor.CompiledClasses.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.ApprovalRequiredException;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunSetupException;
import dev.baton.runtime.RunState;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.UserMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Generated runners, compiled in memory and run against a scripted model. */
class RunnerFunctionalTest {
  private static CompiledClasses compile(String... patterns) {
    return new CompiledClasses(Compilations.compile(ValidPatternsTest.pattern(patterns)));
  }

  private static String lastToolResult(ModelRequest r) {
    return ((ToolMessage) r.messages().get(r.messages().size() - 1)).content();
  }

  private static String lastUserText(ModelRequest r) {
    return r.messages().stream().filter(m -> m instanceof UserMessage).map(m -> ((UserMessage) m).text())
        .reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void backHandoffToASpecialistWhoCallsATool() {
    CompiledClasses classes = compile("Support", "BillingTools");
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s
            .handoff("billing", "{\"problem\":\"charged twice for A-17\"}")
            .respond(r -> ModelResponse.text("Done: " + lastToolResult(r))))
        .agent("billing", s -> s
            .call("refund", "{\"orderId\":\"A-17\",\"cents\":1250}")
            .respond(r -> ModelResponse.text(lastToolResult(r))))
        .build();
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    Object runner = classes.runner("com.acme.SupportRunner", "model", model,
        "options", RunOptions.builder().listener(events::add).build());

    Object answer = invoke(runner, "frontDesk", "I was charged twice");

    assertEquals("Done: refunded 1250 cents on A-17", answer);
    assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.HandoffOccurred h
        && h.from().equals("frontDesk") && h.to().equals("billing") && h.back()), events::toString);
    assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.ToolReturned t
        && t.tool().equals("refund") && t.path().equals("frontDesk>billing") && !t.error()),
        events::toString);
    // The tools carry the compile-time schema and the Javadoc description.
    var billingTools = model.requests("billing").get(0).tools();
    assertTrue(billingTools.stream().anyMatch(t -> t.name().equals("refund")
        && t.description().equals("Refunds an order in full.")
        && t.parametersSchema().contains("\"description\":\"the amount, in cents\"")), billingTools::toString);
  }

  @Test
  @SuppressWarnings("unchecked")
  void fanOutWithATimeoutReturnsPartialResults() {
    CompiledClasses classes = new CompiledClasses(Compilations.compile(Compilations.support("""
        @Agent
        @Parallel(agents = {"fast", "slow"}, timeout = "300ms")
        Results<String> review(String diff);

        @Agent(instructions = "Fast.") String fast(String diff);
        @Agent(instructions = "Slow.") String slow(String diff);
        """)));
    ScriptedModel model = ScriptedModel.builder()
        .agent("fast", s -> s.reply("looks fine"))
        .agent("slow", s -> s.delay(Duration.ofSeconds(5)).reply("too late"))
        .build();
    Object runner = classes.runner("com.acme.SupportRunner", "model", model);

    long start = System.nanoTime();
    Results<String> results = (Results<String>) invoke(runner, "review", "diff --git");

    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(4)) < 0);
    assertEquals("looks fine", results.successes().get("fast"));
    assertEquals(List.of("slow"), results.timedOut());
    assertInstanceOf(Outcome.TimedOut.class, results.outcome("slow"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void codeAgentsRunAsBranchesAndHandoffTargetsThroughTheRunner() {
    CompiledClasses classes = new CompiledClasses(Compilations.compile(Compilations.support("""
        @Agent
        @Parallel(agents = {"checked", "plain"})
        Results<String> review(String diff, List<String> rules);

        @Agent(instructions = "Desk.")
        @Handoff(to = "checked", back = true)
        String desk(String diff, List<String> rules);

        @Agent(description = "Checks a diff against rules.")
        default String checked(String diff, List<String> rules) {
          return rules.size() + " rules: " + plain(diff);
        }

        @Agent(instructions = "Plain.") String plain(String diff);
        """)));
    ScriptedModel model = ScriptedModel.builder()
        .agent("plain", s -> s.otherwise(r -> ModelResponse.text("ok " + lastUserText(r))))
        .agent("desk", s -> s.handoff("checked", "{\"diff\":\"d2\",\"rules\":[\"a\"]}")
            .respond(r -> ModelResponse.text("desk: " + lastToolResult(r))))
        .build();
    Object runner = classes.runner("com.acme.SupportRunner", "model", model);

    Results<String> results = (Results<String>) invoke(runner, "review", "d1", List.of("a", "b"));
    assertEquals("2 rules: ok d1", results.successes().get("checked"));
    assertEquals("ok d1", results.successes().get("plain"));
    assertEquals("desk: 1 rules: ok d2", invoke(runner, "desk", "d2", List.of("x")));
    assertTrue(model.requests("plain").stream().anyMatch(r -> r.path().equals("desk>checked/plain")),
        () -> model.requests("plain").stream().map(ModelRequest::path).toList().toString());
  }

  @Test
  void delegateCallsAWorkerAsATool() {
    CompiledClasses classes = compile("Supervisor");
    ScriptedModel model = ScriptedModel.builder()
        .agent("supervisor", s -> s
            .call("dataWorker", "{\"query\":\"sales\"}")
            .call("write_summary", "{\"facts\":\"two rows\"}")
            .respond(r -> ModelResponse.text("Report: " + lastToolResult(r))))
        .agent("dataWorker", s -> s.reply("[{\"name\":\"north\",\"value\":1.5},{\"name\":\"south\",\"value\":2}]"))
        .agent("writer", s -> s.respond(r -> ModelResponse.text("summary of " + lastUserText(r))))
        .build();
    Object runner = classes.runner("com.acme.SupervisorRunner", "model", model);

    assertEquals("Report: summary of two rows", invoke(runner, "supervisor", "summarize sales"));
    assertEquals("supervisor+dataWorker", model.requests("dataWorker").get(0).path());
    // The worker's structured output was requested with its compile-time schema.
    assertTrue(model.requests("dataWorker").get(0).output() != null);
  }

  @Test
  void codeAgentCallsSiblingsThroughTheRunner() {
    CompiledClasses classes = compile("Newsroom");
    ScriptedModel model = ScriptedModel.builder()
        .agent("research", s -> s.reply("fact one"))
        .agent("write", s -> s.respond(r -> ModelResponse.text("draft from: " + lastUserText(r))))
        .agent("edit", s -> s.respond(r -> ModelResponse.text(lastUserText(r).toUpperCase())))
        .build();
    Object runner = classes.runner("com.acme.NewsroomRunner", "model", model);

    Object article = invoke(runner, "newsroom", "tides");

    assertEquals("DRAFT FROM: WRITE ABOUT TIDES USING:\nFACT ONE", article);
    assertEquals(List.of("research", "write", "edit"),
        model.requests().stream().map(ModelRequest::agent).toList());
    assertEquals("gpt-4.1-mini", model.requests("edit").get(0).model());
    AgentGraph graph = (AgentGraph) invoke(runner, "graph");
    assertEquals(3, graph.edgesFrom("newsroom").size());
  }

  @Test
  void startRunsOnAVirtualThreadAndStreamsEvents() throws Exception {
    CompiledClasses classes = compile("Newsroom");
    ScriptedModel model = ScriptedModel.builder()
        .agent("research", s -> s.reply("facts"))
        .agent("write", s -> s.reply("draft"))
        .agent("edit", s -> s.reply("final"))
        .build();
    Object runner = classes.runner("com.acme.NewsroomRunner", "model", model);
    Class<?> newsroom = classes.load("com.acme.Newsroom");
    Function<Object, Object> entry = n -> invoke(n, "newsroom", "tides");

    @SuppressWarnings("unchecked")
    Run<Object> run = (Run<Object>) invoke(runner, "start", entry);
    List<RunEvent> events;
    try (var stream = run.events()) {
      events = stream.toList();
    }

    assertEquals("final", run.await());
    assertTrue(newsroom.isInstance(runner));
    assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.AgentStarted a
        && a.agent().equals("edit")), events::toString);
  }

  @Test
  void toolWithAContextParameterWritesIntoTheRunsContext() {
    CompiledClasses classes = compile("Research");
    ScriptedModel model = ScriptedModel.builder()
        .agent("research", s -> s
            .call("note", "{\"finding\":\"tides follow the moon\"}")
            .reply("done"))
        .build();
    Object findings;
    try {
      findings = classes.load("com.acme.Research$Findings").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    Object runner = classes.runner("com.acme.ResearchRunner", "model", model);
    Object scoped = invoke(runner, "with", RunOptions.builder().context(findings).build());

    assertEquals("done", invoke(scoped, "research", "tides"));
    assertEquals(List.of("tides follow the moon"), invoke(findings, "items"));
    assertEquals(classes.load("com.acme.ResearchRunner"), scoped.getClass());
  }

  @Test
  void aRunWithoutTheContextObjectAToolTakesFailsAtItsStart() {
    CompiledClasses classes = compile("Research");
    ScriptedModel model = ScriptedModel.builder()
        .agent("research", s -> s.call("note", "{\"finding\":\"x\"}").reply("done"))
        .build();
    Object runner = classes.runner("com.acme.ResearchRunner", "model", model);
    RunSetupException e = assertThrows(RunSetupException.class,
        () -> invoke(runner, "research", "tides"));
    assertTrue(e.getMessage().contains("no context object of type com.acme.Research.Findings, which"
        + " tool \"note\" of agent \"research\" takes as @Context"), e.getMessage());
    assertEquals(0, model.callCount(), "the graph knew the need before any model call");
  }

  @Test
  void approvalToolInterruptsTheBlockingCall() {
    CompiledClasses classes = compile("Approval");
    ScriptedModel model = ScriptedModel.builder()
        .agent("clerk", s -> s.call("pay", "{\"invoice\":\"INV-9\",\"cents\":500}").reply("paid"))
        .build();
    Object payments;
    try {
      payments = classes.load("com.acme.Approval$Payments").getConstructor(String.class)
          .newInstance("acct-1");
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> classes.runner("com.acme.ApprovalRunner", "model", model));
    assertTrue(missing.getMessage().contains("approvalPayments(...)"), missing.getMessage());

    Object runner = classes.runner("com.acme.ApprovalRunner", "model", model, "approvalPayments", payments);
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class,
        () -> invoke(runner, "clerk", "pay INV-9"));
    assertEquals("pay", e.approvals().get(0).tool());

    // Resumed from JSON with the call approved: the tool runs, the clerk finishes.
    RunState state = RunState.fromJson(e.state().toJson()).approve(e.approvals().get(0).callId());
    AgentRunner<?> typed = (AgentRunner<?>) runner;
    IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
        () -> typed.resume(state, Integer.class));
    assertTrue(wrongType.getMessage().contains("entered at \"clerk\", which returns String, not Integer"),
        wrongType.getMessage());
    Run<String> resumed = typed.resume(state, String.class);
    String paid = resumed.await();
    assertEquals("paid", paid);
  }

  @Test
  void resumeReentersACodeAgentThroughTheRunner() {
    CompiledClasses classes = new CompiledClasses(Compilations.compile(Compilations.support("""
        final class Payments {
          @Tool(value = "Pays an invoice.", approval = true)
          public String pay(String invoice) { return "paid " + invoice; }
        }

        @Agent
        default String month(List<String> invoices) {
          return clerk(String.join(",", invoices)) + " / " + audit("ok");
        }

        @Agent(instructions = "Pay.", tools = Payments.class) String clerk(String request);

        @Agent(instructions = "Audit.") String audit(String note);
        """)));
    ScriptedModel model = ScriptedModel.builder()
        .agent("clerk", s -> s.call("pay", "{\"invoice\":\"INV-1\"}")
            .respond(r -> ModelResponse.text(lastToolResult(r))))
        .agent("audit", s -> s.reply("audited"))
        .build();
    Object runner = classes.runner("com.acme.SupportRunner", "model", model);
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class,
        () -> invoke(runner, "month", List.of("INV-1", "INV-2")));

    @SuppressWarnings("unchecked")
    Run<Object> resumed = (Run<Object>) invoke(runner, "resume",
        e.state().approve(e.approvals().get(0).callId()));
    assertEquals("paid INV-1 / audited", resumed.await());
  }

  @Test
  void forkOverARecordListRunsTheAgentPerElementWithTypedResults() {
    CompiledClasses classes = new CompiledClasses(Compilations.compile(Compilations.support("""
        record Claim(String text) {}
        record Verdict(boolean holds, String claim) {}

        @Parallel(over = "claims", agents = "checkClaim", maxConcurrency = 2)
        Results<Verdict> checkAll(List<Claim> claims, String policy);

        @Agent(instructions = "Check the claim against the policy.")
        Verdict checkClaim(Claim claim, String policy);
        """)));
    ScriptedModel model = ScriptedModel.builder().agent("checkClaim", s -> s.otherwise(r -> {
      String input = lastUserText(r);
      String claim = input.substring(input.indexOf("\"text\":\"") + 8, input.indexOf("\"}"));
      return ModelResponse.text("{\"holds\":" + claim.startsWith("true") + ",\"claim\":\""
          + claim + "\"}");
    })).build();
    Object runner = classes.runner("com.acme.SupportRunner", "model", model);
    Class<?> claim = classes.load("com.acme.Support$Claim");
    List<Object> claims = List.of(newRecord(claim, "true: sky is blue"), newRecord(claim, "false: 2+2=5"));
    Results<?> results = (Results<?>) invoke(runner, "checkAll", claims, "facts");
    assertEquals(List.of("checkClaim[0]", "checkClaim[1]"),
        results.stream().map(Outcome::agent).toList());
    Object first = ((Outcome.Success<?>) results.outcome(0)).value();
    assertEquals("Verdict[holds=true, claim=true: sky is blue]", first.toString());
    assertEquals("Verdict[holds=false, claim=false: 2+2=5]",
        ((Outcome.Success<?>) results.outcome("checkClaim[1]")).value().toString());
    assertTrue(lastUserText(model.requests("checkClaim").get(0)).contains("\"policy\":\"facts\""));
  }

  private static Object newRecord(Class<?> type, Object... components) {
    try {
      return type.getDeclaredConstructors()[0].newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
