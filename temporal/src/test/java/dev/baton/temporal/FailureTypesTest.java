package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.AnswerTooLargeException;
import dev.baton.runtime.CallDepthExceededException;
import dev.baton.runtime.IncompleteAnswerException;
import dev.baton.runtime.MaxTurnsExceededException;
import dev.baton.runtime.ModelBehaviorException;
import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.ModelRefusalException;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunStatus;
import dev.baton.runtime.RunSetupException;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.Usage;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A run that fails on Temporal fails with the exception it fails with in process: the same type,
 * agent path, message and typed fields, so a caller's {@code catch} clauses work unchanged; and
 * no secret a model client's failure carries reaches the workflow's history.
 */
class FailureTypesTest {
  private static final String SECRET = "sk-live-0123456789abcdef";

  /** One way to fail: a model, run options, the type expected, and its typed fields. */
  private record Input(String name, Supplier<ScriptedModel> model, RunOptions options,
      Class<? extends AgentException> type, Function<AgentException, Object> fields) {}

  private static final List<Input> INPUTS = List.of(
      new Input("model-call limit after a handoff", () -> ScriptedModel.builder()
          .agent("frontDesk", s -> s.handoff("billing", "{\"problem\":\"charged twice\"}"))
          .agent("billing", s -> s.reply("refunded")).build(),
          RunOptions.builder().maxModelCalls(1).build(), MaxTurnsExceededException.class,
          e -> ((MaxTurnsExceededException) e).limit()),
      new Input("model client failure with a secret in its cause", () -> ScriptedModel.builder()
          .agent("frontDesk", s -> s.respond(r -> {
            throw new ModelCallException(r.runId(), r.path(), 401, 2, "the server refused the key",
                new IOException("Authorization: Bearer " + SECRET));
          })).build(),
          RunOptions.defaults(), ModelCallException.class,
          e -> ((ModelCallException) e).status() + "/" + ((ModelCallException) e).attempts()),
      new Input("answer cut off at the token limit", () -> ScriptedModel.builder()
          .agent("frontDesk", s -> s.respond(r -> new ModelResponse("half an ans", List.of(),
              Usage.NONE, ModelResponse.LENGTH))).build(),
          RunOptions.defaults(), IncompleteAnswerException.class,
          e -> ((IncompleteAnswerException) e).finishReason()),
      new Input("refusal", () -> ScriptedModel.builder()
          .agent("frontDesk", s -> s.respond(r -> new ModelResponse("", List.of(), Usage.NONE,
              "stop", "I cannot help with that", "", "", ""))).build(),
          RunOptions.defaults(), ModelRefusalException.class,
          e -> ((ModelRefusalException) e).refusal()),
      new Input("answer over the run's limit", () -> ScriptedModel.builder()
          .agent("frontDesk", s -> s.reply("an answer far longer than allowed")).build(),
          RunOptions.builder().maxAnswerChars(8).build(), AnswerTooLargeException.class,
          e -> ((AnswerTooLargeException) e).limit() + " " + ((AnswerTooLargeException) e).setting()),
      new Input("answer over the model client's limit", () -> ScriptedModel.builder()
          .agent("frontDesk", s -> s.respond(r -> {
            throw new AnswerTooLargeException(r.runId(), r.path(), 16, "Client.maxAnswerChars",
                "the stream went on past it");
          })).build(),
          RunOptions.defaults(), AnswerTooLargeException.class,
          e -> ((AnswerTooLargeException) e).limit() + " " + ((AnswerTooLargeException) e).setting()),
      new Input("model client not set up", () -> ScriptedModel.builder()
          .agent("frontDesk", s -> s.respond(r -> {
            throw new RunSetupException(r.runId(), r.path(), "no API key is configured");
          })).build(),
          RunOptions.defaults(), RunSetupException.class, e -> ""),
      new Input("model misbehaves on the worker", () -> ScriptedModel.builder()
          .agent("frontDesk", s -> s.respond(r -> {
            throw new ModelBehaviorException(r.runId(), r.path(), "the answer is not JSON",
                new IllegalStateException(SECRET));
          })).build(),
          RunOptions.defaults(), ModelBehaviorException.class, e -> ""),
      new Input("calls nested too deep", () -> ScriptedModel.builder()
          .agent("supervisor", s -> s.delegate("clerk", "{\"question\":\"when?\"}")
              .reply("done"))
          .agent("clerk", s -> s.reply("today")).build(),
          RunOptions.builder().maxCallDepth(1).build(), CallDepthExceededException.class,
          e -> ((CallDepthExceededException) e).limit()));

  @Test
  void eachFailureArrivesWithItsInProcessTypePathMessageAndFields() {
    for (Input input : INPUTS) {
      boolean supervisor = input.name().equals("calls nested too deep");
      Function<Desk, String> call = supervisor ? d -> d.supervisor("find the date")
          : d -> d.frontDesk("I was charged twice");

      AgentException local = assertThrows(AgentException.class,
          () -> DeskRunner.builder().model(input.model().get()).options(input.options()).build()
              .start(call).await(), input.name());
      assertEquals(input.type(), local.getClass(), input.name() + ": in process");

      try (Harness h = new Harness()) {
        // The default activity options: a model client's failure is not retried by Temporal.
        BatonWorker.on(h.worker).register(DeskRunner.builder().model(input.model().get())
            .options(input.options()).build(), BatonWorker.Registration.defaults());
        h.start();
        TemporalRun<String> run = h.client(Desk.class).start(call);

        AgentException remote = assertThrows(AgentException.class, run::await, input.name());

        assertEquals(input.type(), remote.getClass(), input.name() + ": " + remote.getMessage());
        assertEquals(local.path(), remote.path(), input.name());
        assertEquals(normalized(local), normalized(remote), input.name());
        assertEquals(input.fields().apply(local), input.fields().apply(remote), input.name());
        assertEquals(run.workflowId(), remote.runId(), input.name());
        String history = h.env.getWorkflowClient().fetchHistory(run.workflowId()).toString();
        assertFalse(history.contains(SECRET), input.name() + ": a secret is in the history");
        assertTrue(history.contains(input.type().getName()), input.name());
      }
    }
  }

  @Test
  void aFanOutsFailedOutcomeCarriesItsInProcessException() {
    Supplier<ScriptedModel> model = () -> ScriptedModel.builder()
        .agent("economist", s -> s.respond(r -> new ModelResponse("supply and", List.of(),
            Usage.NONE, ModelResponse.LENGTH)))
        .agent("engineer", s -> s.reply("build it")).build();
    Results<String> local = PanelRunner.builder().model(model.get()).build()
        .ask("should we?");

    try (Harness h = new Harness()) {
      h.register(PanelRunner.builder().model(model.get()).build()).start();

      TemporalRun<Results<String>> run = h.client(Panel.class).start(p -> p.ask("should we?"));
      Results<String> remote = run.await();

      assertEquals(local.successes(), remote.successes());
      assertEquals(1, remote.failures().size());
      Outcome.Failed<String> l = local.failures().get(0);
      Outcome.Failed<String> r = remote.failures().get(0);
      assertEquals(l.agent(), r.agent());
      IncompleteAnswerException e = assertInstanceOf(IncompleteAnswerException.class, r.error());
      assertEquals(((AgentException) l.error()).path(), e.path());
      assertEquals(l.error().getMessage(), e.getMessage());
      assertEquals(ModelResponse.LENGTH, e.finishReason());
      List<RunEvent> events;
      try (Stream<RunEvent> stream = run.events()) {
        events = stream.toList();
      }
      Outcome<?> inEvents = events.stream()
          .flatMap(ev -> ev instanceof RunEvent.BranchFinished b ? Stream.of(b.outcome())
              : Stream.empty())
          .filter(o -> o instanceof Outcome.Failed<?>).findFirst().orElseThrow();
      assertInstanceOf(IncompleteAnswerException.class, ((Outcome.Failed<?>) inEvents).error());
    }
  }

  @Test
  void aBranchThatFailedBeforeAnApprovalKeepsItsExceptionAfterTheSignal() {
    // The workflow resumes the paused run from its journal once the approval arrives: the failed
    // branch's outcome then comes from the journal, and must be the exception it was.
    ScriptedModel model = ScriptedModel.builder()
        .agent("payer", s -> s.call("payout", "{\"customer\": \"ann\", \"cents\": 500}")
            .reply("paid"))
        .agent("checker", s -> s.respond(r -> new ModelResponse("the books are", List.of(),
            Usage.NONE, ModelResponse.LENGTH)))
        .build();
    try (Harness h = new Harness()) {
      h.register(AuditRunner.builder().model(model).build()).start();
      TemporalRun<Results<String>> run = h.client(Audit.class).start(a -> a.audit("pay ann"));
      Outcome.Failed<?> before;
      try (Stream<RunEvent> events = run.events()) {
        before = events.flatMap(e -> e instanceof RunEvent.BranchFinished b
                && b.outcome() instanceof Outcome.Failed<?> f ? Stream.of(f) : Stream.empty())
            .findFirst().orElseThrow();
      }
      try (Stream<RunEvent> events = run.events()) {
        events.filter(e -> e instanceof RunEvent.RunFinished f
            && f.status() == RunStatus.INTERRUPTED).findFirst().orElseThrow();
      }

      run.approve(run.approvals().getFirst().callId());
      Results<String> results = run.await();

      assertEquals(java.util.Map.of("payer", "paid"), results.successes());
      IncompleteAnswerException was = assertInstanceOf(IncompleteAnswerException.class,
          before.error());
      IncompleteAnswerException is = assertInstanceOf(IncompleteAnswerException.class,
          results.failures().getFirst().error());
      assertEquals("audit/checker", is.path());
      assertEquals(was.path(), is.path());
      assertEquals(was.getMessage(), is.getMessage());
      assertEquals(ModelResponse.LENGTH, is.finishReason());
    }
  }

  @Test
  void aModelClientsOwnExceptionLeavesItsCausesOutOfTheHistory() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.respond(r -> {
          throw new IllegalStateException("the upstream gateway failed",
              new IOException("GET https://gateway.example/v1?key=" + SECRET));
        })).build();
    try (Harness h = new Harness()) {
      BatonWorker.on(h.worker).register(DeskRunner.builder().model(model).build(),
          BatonWorker.Registration.defaults().withModelCalls(
              ActivityOptions.newBuilder(BatonWorker.defaultModelCalls())
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build()));
      h.start();
      TemporalRun<String> run = h.client(Desk.class).start(d -> d.frontDesk("hi"));

      AgentException e = assertThrows(AgentException.class, run::await);

      String history = h.env.getWorkflowClient().fetchHistory(run.workflowId()).toString();
      assertFalse(history.contains(SECRET), "a secret is in the history");
      assertTrue(history.contains("java.lang.IllegalStateException"), "the type is recorded");
      assertTrue(e.getMessage().contains("IllegalStateException: the upstream gateway failed"),
          e.getMessage());
      assertEquals("frontDesk", e.path());
    }
  }

  // Messages may name the run, whose id differs between the two runs.
  private static String normalized(AgentException e) {
    return e.getMessage().replaceAll("run [0-9A-Za-z_-]+", "run <id>");
  }
}
