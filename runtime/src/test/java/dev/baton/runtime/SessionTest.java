package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.History;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.ResumeFixtures.CountingTools;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.UserMessage;
import dev.baton.runtime.session.Exchange;
import dev.baton.runtime.session.Session;
import dev.baton.runtime.session.SessionConflictException;
import dev.baton.runtime.session.SessionStore;
import dev.baton.runtime.session.Summarizer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What calls through a session see and leave behind, on the in-memory store. */
@ExtendWith(NoRunThreadsLeft.class)
class SessionTest {
  private final SessionStore store = SessionStore.inMemory();

  private static Orchestrator desk(ScriptedModel model, Session session) {
    return Orchestrator.builder(HandoffTest.support()).model(model)
        .options(RunOptions.builder().session(session).build()).build();
  }

  private static AgentGraph router() {
    return AgentGraph.builder("Router")
        .llmAgent("router", a -> a.instructions("Route.").input("message", String.class))
        .llmAgent("sales", a -> a.instructions("Sell.").description("Sells.")
            .input("message", String.class))
        .llmAgent("quote", a -> a.instructions("Quote.").description("Quotes.")
            .input("amount", int.class))
        .handoff("router", "sales", false)
        .handoff("router", "quote", false)
        .build();
  }

  @Test
  void theNextCallSeesTheExchangeBeforeItsInputAndNoToolTraffic() {
    Session session = store.session("customer-42");
    desk(HandoffTest.supportScript(), session).call("frontDesk", "I was charged twice");

    List<Exchange> stored = session.exchanges();
    assertEquals(1, stored.size());
    // The back-handoff's specialist worked on a copy; only the desk's input and answer remain.
    assertEquals(List.of(new UserMessage("I was charged twice"),
        new AssistantMessage("Billing says: refund issued")), stored.get(0).messages());
    assertEquals("frontDesk", stored.get(0).agent());

    ScriptedModel second = ScriptedModel.builder().agent("frontDesk", s -> s.reply("You are welcome.")).build();
    desk(second, session).call("frontDesk", "Thanks!");

    List<Message> seen = second.requests("frontDesk").get(0).messages();
    assertEquals(List.of("system", "user", "assistant", "user"), seen.stream().map(Message::role).toList());
    assertEquals(new UserMessage("I was charged twice"), seen.get(1));
    assertEquals(new UserMessage("Thanks!"), seen.get(3));
    assertFalse(seen.stream().anyMatch(m -> m instanceof ToolMessage));
    assertEquals(2, session.history().version());
    assertEquals(4, session.history().messages().size());
  }

  @Test
  void anEntryWithoutHistorySeesNothingButItsTurnIsStored() {
    AgentGraph g = AgentGraph.builder("Fresh")
        .llmAgent("clerk", a -> a.instructions("Answer.").input("q", String.class).history(History.NONE))
        .build();
    Session session = store.session("s");
    ScriptedModel model = ScriptedModel.builder().agent("clerk", s -> s.reply("one").reply("two")).build();
    Orchestrator o = Orchestrator.builder(g).model(model)
        .options(RunOptions.builder().session(session).build()).build();
    o.call("clerk", "first");
    o.call("clerk", "second");
    assertEquals(List.of("system", "user"),
        model.requests().get(1).messages().stream().map(Message::role).toList());
    assertEquals(2, session.exchanges().size());
  }

  @Test
  void afterAOneWayHandoffTheNextCallStartsAtTheAgentThatAnswered() {
    Session session = store.session("router-1");
    ScriptedModel first = ScriptedModel.builder()
        .agent("router", s -> s.handoff("sales", "{\"message\":\"wants 3 seats\"}"))
        .agent("sales", s -> s.reply("Three seats cost 90."))
        .build();
    Orchestrator o = Orchestrator.builder(router()).model(first)
        .options(RunOptions.builder().session(session).build()).build();
    assertEquals("Three seats cost 90.", o.call("router", "I want 3 seats"));
    Exchange e = session.exchanges().get(0);
    assertEquals("sales", e.agent());
    assertEquals(List.of(new UserMessage("I want 3 seats"), new UserMessage("wants 3 seats"),
        new AssistantMessage("Three seats cost 90.")), e.messages());

    ScriptedModel second = ScriptedModel.builder().agent("sales", s -> s.reply("Sent.")).build();
    Run<Object> run = Orchestrator.builder(router()).model(second)
        .options(RunOptions.builder().session(session).build()).build()
        .start("router", "Send the invoice");
    assertEquals("Sent.", run.await());
    assertEquals(List.of("sales"), second.requests().stream().map(r -> r.agent()).toList());
    assertEquals("sales", second.requests().get(0).path());
    assertEquals(4, second.requests().get(0).messages().size() - 1, "history, then the new input");

    ScriptedModel third = ScriptedModel.builder().agent("router", s -> s.reply("Routed.")).build();
    Orchestrator.builder(router()).model(third)
        .options(RunOptions.builder().session(session.startingAt(Session.Start.ENTRY)).build())
        .build().call("router", "Something else");
    assertEquals(List.of("router"), third.requests().stream().map(r -> r.agent()).toList());
  }

  @Test
  void anAnsweringAgentWithOtherParametersIsNotWhereTheNextCallStarts() {
    Session session = store.session("router-2");
    ScriptedModel first = ScriptedModel.builder()
        .agent("router", s -> s.handoff("quote", "{\"amount\":3}").reply("Again?"))
        .agent("quote", s -> s.reply("90"))
        .build();
    Orchestrator o = Orchestrator.builder(router()).model(first)
        .options(RunOptions.builder().session(session).build()).build();
    o.call("router", "Quote 3");
    assertEquals("quote", session.exchanges().get(0).agent());
    o.call("router", "And 4?");
    assertEquals(List.of("router", "quote", "router"), first.requests().stream().map(r -> r.agent()).toList());
  }

  @Test
  void aFailedCallLeavesNothing() {
    Session session = store.session("s");
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.fail(new IllegalStateException("model down"))).build();
    assertThrows(RuntimeException.class, () -> desk(model, session).call("frontDesk", "hello"));
    assertEquals(0, session.history().version());
    assertTrue(store.sessionIds().isEmpty());
  }

  @Test
  void aCancelledCallLeavesNothing() throws Exception {
    Session session = store.session("s");
    CountDownLatch inModel = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder().agent("frontDesk", s -> s.respond(r -> {
      inModel.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunCancelledException(r.runId(), r.path());
      }
      return ModelResponse.text("never");
    })).build();
    Run<Object> run = desk(model, session).start("frontDesk", "hello");
    assertTrue(inModel.await(10, TimeUnit.SECONDS));
    run.cancel();
    assertThrows(RunCancelledException.class, run::await);
    assertEquals(0, session.history().version());
  }

  @Test
  void anApprovalPauseLeavesNothingAndTheResumedCallStoresItsTurnOnce() {
    Session session = store.session("refunds");
    RunOptions options = RunOptions.builder().session(session).build();
    ScriptedModel first = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("refund", "{}")).build();
    Run<Object> run = Orchestrator.builder(ResumeFixtures.desk()).model(first)
        .tools(OWNER, new CountingTools()).options(options).build().start("frontDesk", "Refund A-17");
    ApprovalRequiredException paused = assertThrows(ApprovalRequiredException.class, run::await);
    assertEquals(0, session.history().version());

    RunState state = RunState.fromJson(paused.state().toJson());
    RunState approved = state.approve(state.approvals().get(0).callId());
    ScriptedModel rest = ScriptedModel.builder().agent("frontDesk", s -> s.reply("Refunded.")).build();
    Orchestrator later = Orchestrator.builder(ResumeFixtures.desk()).model(rest)
        .tools(OWNER, new CountingTools()).options(options).build();
    assertEquals("Refunded.", later.resume(approved).await());
    assertEquals(1, session.exchanges().size());
    assertEquals(List.of(new UserMessage("Refund A-17"), new AssistantMessage("Refunded.")),
        session.exchanges().get(0).messages());

    // The same approved state resumed again (a retried job, say) is refused, and the session keeps
    // the one exchange.
    ScriptedModel again = ScriptedModel.builder().agent("frontDesk", s -> s.reply("Refunded.")).build();
    Orchestrator retried = Orchestrator.builder(ResumeFixtures.desk()).model(again)
        .tools(OWNER, new CountingTools()).options(options).build();
    assertThrows(RunConflictException.class, () -> retried.resume(approved).await());
    assertEquals(1, session.exchanges().size());
    assertEquals(0, again.callCount());
  }

  @Test
  void twoCallsAtOnceOnOneSessionNeverInterleaveTheSecondToFinishFails() throws Exception {
    Session session = store.session("busy");
    CountDownLatch slowInModel = new CountDownLatch(1);
    CountDownLatch fastDone = new CountDownLatch(1);
    ScriptedModel model = ScriptedModel.builder().agent("frontDesk", s -> s.otherwise(r -> {
      String input = ((UserMessage) r.messages().get(r.messages().size() - 1)).text();
      if (input.equals("slow")) {
        slowInModel.countDown();
        try {
          assertTrue(fastDone.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return ModelResponse.text("answer to " + input);
    })).build();
    Orchestrator o = desk(model, session);
    Run<Object> slow = o.start("frontDesk", "slow");
    assertTrue(slowInModel.await(10, TimeUnit.SECONDS));
    assertEquals("answer to fast", o.call("frontDesk", "fast"));
    fastDone.countDown();

    SessionConflictException conflict = assertThrows(SessionConflictException.class, slow::await);
    assertEquals("busy", conflict.sessionId());
    assertEquals(0, conflict.expectedVersion());
    assertEquals(1, conflict.actualVersion());
    assertEquals(RunStatus.FAILED, slow.status());
    assertEquals(List.of(new UserMessage("fast"), new AssistantMessage("answer to fast")),
        session.history().messages());
  }

  @Test
  void aCodeEntryLeavesEveryCallItMadeInItsBranch() {
    Session session = store.session("pipe");
    ScriptedModel model = ScriptedModel.builder()
        .agent("research", s -> s.reply("facts")).agent("outline", s -> s.reply("plan"))
        .agent("write", s -> s.reply("text")).build();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.pipeline()).model(model)
        .tools(OWNER, new CountingTools())
        .codeAgent("pipeline", (orc, args) -> {
          orc.call("research", args[0]);
          orc.call("outline", args[0]);
          return orc.call("write", args[0]);
        })
        .options(RunOptions.builder().session(session).build()).build();
    assertEquals("text", o.call("pipeline", "tides"));
    Exchange e = session.exchanges().get(0);
    assertEquals("pipeline", e.agent());
    assertEquals(6, e.messages().size(), e.messages().toString());
  }

  @Test
  void keepLastSummarizesWhatItDropsClearAndDelete() {
    Session session = store.session("long");
    ScriptedModel model = ScriptedModel.builder().agent("frontDesk", s -> s.otherwise(r ->
        ModelResponse.text("ok " + (r.messages().size())))).build();
    Orchestrator o = desk(model, session);
    for (int i = 1; i <= 5; i++) {
      o.call("frontDesk", "message " + i);
    }
    assertEquals(5, session.exchanges().size());
    assertTrue(session.keepLast(2, dropped -> List.of(new UserMessage("summary of "
        + dropped.size() + " exchanges"))));
    List<Exchange> kept = session.exchanges();
    assertEquals(3, kept.size());
    assertTrue(kept.get(0).isSummary());
    assertEquals(new UserMessage("summary of 3 exchanges"), kept.get(0).messages().get(0));
    assertEquals(new UserMessage("message 4"), kept.get(1).messages().get(0));
    assertFalse(session.keepLast(2, Summarizer.DROP));

    session.clear();
    assertTrue(session.exchanges().isEmpty());
    assertEquals(List.of("long"), store.sessionIds());
    assertTrue(session.delete());
    assertEquals(List.of(), store.sessionIds());
    assertFalse(session.delete());
  }

  @Test
  void aBoundedSessionKeepsItsLastExchangesAfterEachCall() {
    Session session = store.session("bounded").bounded(2, Summarizer.DROP);
    ScriptedModel model = ScriptedModel.builder().agent("frontDesk", s -> s.otherwise(r ->
        ModelResponse.text("ok"))).build();
    Orchestrator o = desk(model, session);
    for (int i = 1; i <= 4; i++) {
      o.call("frontDesk", "message " + i);
    }
    assertEquals(List.of(new UserMessage("message 3"), new AssistantMessage("ok"),
        new UserMessage("message 4"), new AssistantMessage("ok")), session.history().messages());
    assertEquals(4, model.requests().get(3).messages().size() - 2, "two exchanges, then the input");
  }

  @Test
  void aSessionIdMustBeUsable() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.session(" "));
    assertTrue(e.getMessage().contains("session id"), e.getMessage());
    assertInstanceOf(IllegalArgumentException.class,
        assertThrows(IllegalArgumentException.class, () -> store.session("x".repeat(256))));
  }

  @Test
  void fanOutBranchesAndDelegatesLeaveOnlyWhatTheEntryBranchSaid() {
    Session session = store.session("team");
    AgentGraph g = AgentGraph.builder("Team")
        .llmAgent("lead", a -> a.instructions("Lead.").input("task", String.class)
            .parallel("security", "style"))
        .llmAgent("security", a -> a.instructions("Check security.").input("task", String.class))
        .llmAgent("style", a -> a.instructions("Check style.").input("task", String.class))
        .llmAgent("boss", a -> a.instructions("Boss.").input("task", String.class))
        .llmAgent("worker", a -> a.instructions("Work.").description("Works.")
            .input("task", String.class))
        .delegate("boss", "worker")
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("lead", s -> s.reply("merged"))
        .agent("security", s -> s.reply("safe"))
        .agent("style", s -> s.reply("tidy"))
        .agent("boss", s -> s.call("worker", "{\"task\":\"dig\"}").reply("done"))
        .agent("worker", s -> s.reply("dug"))
        .build();
    Orchestrator o = Orchestrator.builder(g).model(model)
        .options(RunOptions.builder().session(session).build()).build();
    assertEquals("merged", o.call("lead", "review the diff"));
    List<Message> fanned = session.exchanges().get(0).messages();
    assertEquals(2, fanned.size(), fanned.toString());
    assertTrue(((UserMessage) fanned.get(0)).text().startsWith("review the diff"), fanned.toString());
    assertTrue(((UserMessage) fanned.get(0)).text().contains("safe"), "outcomes are the lead's input");
    assertEquals(new AssistantMessage("merged"), fanned.get(1));

    assertEquals("done", o.call("boss", "dig a hole"));
    assertEquals(List.of(new UserMessage("dig a hole"), new AssistantMessage("done")),
        session.exchanges().get(1).messages());
    // The delegate ran on a fresh conversation: it saw neither the session nor the caller's turn.
    assertEquals(List.of("system", "user"),
        model.requests("worker").get(0).messages().stream().map(Message::role).toList());
  }

  @Test
  void anAbstractFanOutEntryGainsNothingAndStoresNothing() {
    Session session = store.session("fan");
    ScriptedModel model = ScriptedModel.builder().fallback(r -> ModelResponse.text("ok")).build();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.review()).model(model)
        .tools(OWNER, new CountingTools())
        .options(RunOptions.builder().session(session).build()).build();
    o.call("review", "a diff");
    assertEquals(0, session.history().version());
  }

  @Test
  void anEntryThatCallsSeveralAgentsStoresItsFirstCallAsTheTurn() {
    Session session = store.session("multi");
    ScriptedModel model = ScriptedModel.builder().agent("frontDesk", s -> s.otherwise(r ->
        ModelResponse.text("seen " + r.messages().size()))).build();
    Orchestrator o = desk(model, session);
    o.call("frontDesk", "before");
    Run<String> run = o.start(() -> {
      String first = o.call("frontDesk", "one");
      return first + " / " + o.call("frontDesk", "two");
    });
    // The second call sees the session once and the first call's turn; nothing is seeded twice.
    assertEquals("seen 4 / seen 6", run.await());
    assertEquals(2, session.exchanges().size());
    assertEquals(new UserMessage("one"), session.exchanges().get(1).messages().get(0));
  }

  @Test
  void anIdThatSomeStoreCannotHoldIsRefusedWhenTheSessionIsMade() {
    SessionStore store = SessionStore.inMemory();
    assertEquals("customer-42", store.session("customer-42").id());
    assertEquals("kundin-\u00e4\u00df-\uD83D\uDE00", store.session("kundin-\u00e4\u00df-\uD83D\uDE00").id());
    // PostgreSQL's text holds no NUL; no store should take what another one refuses.
    for (String bad : List.of("", "  ", "x".repeat(256), "customer\u000042", "line\nbreak")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> store.session(bad), bad);
      assertTrue(e.getMessage().startsWith("session id must be 1 to 255 characters, not blank and"
          + " without control characters"), e.getMessage());
      assertFalse(e.getMessage().contains("\u0000"), e.getMessage());
    }
  }
}
