package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static dev.baton.runtime.ResumeFixtures.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentGraph;
import dev.baton.runtime.ResumeFixtures.CountingTools;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.Usage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fan-out branch that failed before the run paused fails with the same exception after the run
 * is resumed from its journal: the same class, agent path, message and typed fields as the first
 * process's {@code BranchFinished} event said, whichever store carried the journal. A failure that
 * is not an {@link AgentException} comes back as the plain {@code AgentException} that stands for
 * it across processes. No cause, and so no secret a cause quotes, enters the journal.
 */
@ExtendWith(NoRunThreadsLeft.class)
class FailedBranchResumeTest {
  private static final String SECRET = "sk-live-0123456789abcdef";
  private static final String CHECKER = "review/checker";

  @TempDir Path dir;

  /** Where the paused run's journal lives until the resume. */
  enum Carrier { FILE_STORE, IN_MEMORY_STORE, STATE_JSON }

  /**
   * One way for the {@code checker} branch to fail.
   *
   * @param checker adds the checker agent (and what it calls) to the graph
   * @param script the checker's model script (security's is added by the test)
   * @param body the checker's body if it is a code agent, else null
   * @param type the class the first process reports
   * @param replayedType the class the resumed run reports
   */
  record Failure(String name, Consumer<AgentGraph.Builder> checker,
      Consumer<ScriptedModel.Builder> script, CodeAgent body, RunOptions options,
      Class<? extends Throwable> type, Class<? extends Throwable> replayedType) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static AgentGraph graph(Failure f) {
    AgentGraph.Builder b = AgentGraph.builder("Checks")
        .fanOut("review", a -> a.input("diff", String.class).output(String.class)
            .parallel("security", "checker"))
        .llmAgent("security", a -> a.instructions("Check security.").input("diff", String.class)
            .tool(tool("quarantine", true)));
    f.checker().accept(b);
    return b.build();
  }

  private static Consumer<AgentGraph.Builder> llmChecker(Consumer<AgentGraph.AgentBuilder> more) {
    return b -> b.llmAgent("checker", a -> {
      a.instructions("Check the diff.").input("diff", String.class);
      more.accept(a);
    });
  }

  private static Consumer<AgentGraph.Builder> codeChecker() {
    return b -> b.codeAgent("checker", a -> a.input("diff", String.class).output(String.class));
  }

  private static Consumer<ScriptedModel.Builder> checkerAnswers(
      java.util.function.Function<ModelRequest, ModelResponse> answer) {
    return m -> m.agent("checker", s -> s.respond(answer));
  }

  private static RunOptions.Builder options() {
    return RunOptions.builder();
  }

  static List<Failure> failures() {
    List<Failure> all = new ArrayList<>();
    all.add(new Failure("turn limit", llmChecker(a -> a.maxTurns(1).tool(tool("lookup", false))),
        m -> m.agent("checker", s -> s.call("lookup", "{}").reply("clean")), null,
        options().build(), MaxTurnsExceededException.class, MaxTurnsExceededException.class));
    all.add(new Failure("model call failed with a secret in its cause", llmChecker(a -> { }),
        checkerAnswers(r -> {
          throw new ModelCallException(r.runId(), r.path(), 503, 3,
              "HTTP 503 from the provider after 3 attempts: overloaded",
              new IOException("Authorization: Bearer " + SECRET));
        }), null, options().build(), ModelCallException.class, ModelCallException.class));
    all.add(new Failure("answer cut off after a one-way handoff",
        b -> b.llmAgent("checker", a -> a.instructions("Route.").input("diff", String.class))
            .llmAgent("deep", a -> a.instructions("Check deeply.").description("Deep checks.")
                .input("diff", String.class))
            .handoff("checker", "deep", false),
        m -> m.agent("checker", s -> s.handoff("deep", "{\"diff\":\"the diff\"}"))
            .agent("deep", s -> s.respond(r -> new ModelResponse("half an ans", List.of(),
                Usage.NONE, ModelResponse.LENGTH))),
        null, options().build(), IncompleteAnswerException.class,
        IncompleteAnswerException.class));
    all.add(new Failure("refusal", llmChecker(a -> { }),
        checkerAnswers(r -> new ModelResponse("", List.of(), Usage.NONE, "stop",
            "I cannot help with that", "", "", "")),
        null, options().build(), ModelRefusalException.class, ModelRefusalException.class));
    all.add(new Failure("answer over the run's limit", llmChecker(a -> { }),
        m -> m.agent("checker", s -> s.reply("an answer far longer than allowed")), null,
        options().maxAnswerChars(8).build(), AnswerTooLargeException.class,
        AnswerTooLargeException.class));
    all.add(new Failure("answer over the model client's limit", llmChecker(a -> { }),
        checkerAnswers(r -> {
          throw new AnswerTooLargeException(r.runId(), r.path(), 16, "Client.maxAnswerChars",
              "the stream went on past it");
        }), null, options().build(), AnswerTooLargeException.class,
        AnswerTooLargeException.class));
    all.add(new Failure("model misbehaved with a secret in its cause", llmChecker(a -> { }),
        checkerAnswers(r -> {
          throw new ModelBehaviorException(r.runId(), r.path(), "the answer is not JSON",
              new IllegalStateException(SECRET));
        }), null, options().build(), ModelBehaviorException.class, ModelBehaviorException.class));
    all.add(new Failure("null argument to a called agent",
        b -> b.codeAgent("checker", a -> a.input("diff", String.class).output(String.class))
            .llmAgent("deep", a -> a.instructions("Check deeply.").input("diff", String.class))
            .call("checker", "deep"),
        m -> { }, (o, args) -> o.call("deep", (Object) null), options().build(),
        AgentArgumentException.class, AgentArgumentException.class));
    all.add(new Failure("a nested run's calls nest too deep", codeChecker(), m -> { },
        (o, args) -> nestedSupervisor().call("supervisor", "find the date"), options().build(),
        CallDepthExceededException.class, CallDepthExceededException.class));
    all.add(new Failure("a nested run's deadline", codeChecker(), m -> { },
        (o, args) -> nestedStuck().call("stuck", "wait"), options().build(),
        RunTimeoutException.class, RunTimeoutException.class));
    all.add(new Failure("a code agent's own exception with a secret in its cause", codeChecker(),
        m -> { }, (o, args) -> {
          throw new IllegalStateException("the ledger is offline", new IOException(SECRET));
        }, options().build(), IllegalStateException.class, AgentException.class));
    all.add(new Failure("a model client's own exception", llmChecker(a -> { }),
        checkerAnswers(r -> {
          throw new UnsupportedOperationException("the gateway refused the request");
        }), null, options().build(), UnsupportedOperationException.class,
        AgentException.class));
    return all;
  }

  // Another runner called from the checker's body: its delegate nests deeper than it allows.
  private static Orchestrator nestedSupervisor() {
    AgentGraph g = AgentGraph.builder("Office")
        .llmAgent("supervisor", a -> a.instructions("Supervise.").input("question", String.class))
        .llmAgent("clerk", a -> a.instructions("Answer.").description("Answers questions.")
            .input("question", String.class))
        .delegate("supervisor", "clerk")
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("supervisor", s -> s.delegate("clerk", "{\"question\":\"when?\"}").reply("done"))
        .agent("clerk", s -> s.reply("today"))
        .build();
    return Orchestrator.builder(g).model(model)
        .options(RunOptions.builder().maxCallDepth(1).build()).build();
  }

  // Another runner called from the checker's body: its model waits for a gate nobody opens, so
  // only its deadline ends it.
  private static Orchestrator nestedStuck() {
    AgentGraph g = AgentGraph.builder("Stuck")
        .llmAgent("stuck", a -> a.instructions("Wait.").input("task", String.class))
        .build();
    ScriptedModel model = ScriptedModel.builder()
        .agent("stuck", s -> s.waitFor(new CountDownLatch(1)).reply("never")).build();
    return Orchestrator.builder(g).model(model)
        .options(RunOptions.builder().deadline(Duration.ofMillis(50)).build()).build();
  }

  static Stream<Arguments> cases() {
    return failures().stream().flatMap(f -> Stream.of(Carrier.values())
        .map(c -> Arguments.of(f, c)));
  }

  private Orchestrator orchestrator(Failure f, ScriptedModel model, JournalStore store,
      CountingTools tools, AtomicInteger bodyRuns) {
    RunOptions options = store == null ? f.options()
        : f.options().toBuilder().journalStore(store).build();
    Orchestrator.Builder b = Orchestrator.builder(graph(f)).model(model).tools(OWNER, tools)
        .options(options);
    if (f.body() != null) {
      b.codeAgent("checker", (o, args) -> {
        bodyRuns.incrementAndGet();
        return f.body().run(o, args);
      });
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("cases")
  void aFailedBranchKeepsItsExceptionAcrossResume(Failure f, Carrier carrier) {
    JournalStore store = switch (carrier) {
      case FILE_STORE -> JournalStore.file(dir);
      case IN_MEMORY_STORE -> JournalStore.inMemory();
      case STATE_JSON -> null;
    };
    ScriptedModel.Builder firstScript = ScriptedModel.builder()
        .agent("security", s -> s.call("quarantine", "{}"));
    f.script().accept(firstScript);
    CountingTools tools = new CountingTools();
    AtomicInteger bodyRuns = new AtomicInteger();
    Run<Object> first = orchestrator(f, firstScript.build(), store, tools, bodyRuns)
        .start("review", "diff --git");
    ApprovalRequiredException paused = assertThrows(ApprovalRequiredException.class, first::await);
    Outcome.Failed<?> said = failedOutcome(first.events().toList());
    assertInstanceOf(f.type(), said.error(), f.name());

    RunState state = switch (carrier) {
      case FILE_STORE -> RunState.fromStore(JournalStore.file(dir), first.id());
      case IN_MEMORY_STORE -> RunState.fromStore(store, first.id());
      case STATE_JSON -> RunState.fromJson(paused.state().toJson());
    };
    String journal = state.journal().toString();
    assertFalse(journal.contains(SECRET), "a secret is in the journal: " + journal);
    ScriptedModel rest = ScriptedModel.builder().agent("security", s -> s.reply("ok")).build();
    Run<Object> resumed = orchestrator(f, rest,
        carrier == Carrier.FILE_STORE ? JournalStore.file(dir) : store, tools, bodyRuns)
        .resume(state.approve(state.approvals().get(0).callId()));
    Results<?> results = assertInstanceOf(Results.class, resumed.await());

    assertEquals(List.of("review/security"),
        rest.requests().stream().map(ModelRequest::path).toList(), "only security runs again");
    assertEquals(f.body() == null ? 0 : 1, bodyRuns.get(), "the checker's body ran once");
    assertEquals(Map.of("security", "ok"), results.successes());
    Throwable before = said.error();
    Throwable after = ((Outcome.Failed<?>) results.outcome("checker")).error();
    assertEquals(f.replayedType(), after.getClass(), f.name() + ": " + after);
    AgentException replayed = (AgentException) after;
    assertNull(replayed.getCause(), "no cause crosses the journal");
    if (before instanceof AgentException original) {
      assertEquals(original.path(), replayed.path(), f.name());
      assertEquals(original.getMessage(), replayed.getMessage(), f.name());
      assertEquals(original.runId(), replayed.runId(), f.name());
      assertEquals(typedFields(original), typedFields(replayed), f.name());
    } else {
      // What stands for a foreign exception across processes: its type and message, at the branch.
      assertEquals(CHECKER, replayed.path());
      assertEquals(first.id(), replayed.runId());
      assertEquals(CHECKER + ": " + before.getClass().getSimpleName() + ": "
          + before.getMessage(), replayed.getMessage());
    }
  }

  @Test
  void aJournalWrittenBeforeTypesWereRecordedStillResumesWithThePlainException() {
    Failure f = failures().get(0);
    ScriptedModel.Builder firstScript = ScriptedModel.builder()
        .agent("security", s -> s.call("quarantine", "{}"));
    f.script().accept(firstScript);
    CountingTools tools = new CountingTools();
    ApprovalRequiredException paused = assertThrows(ApprovalRequiredException.class,
        () -> orchestrator(f, firstScript.build(), null, tools, new AtomicInteger())
            .call("review", "diff --git"));
    RunState s = paused.state();
    // The entry as the journal wrote it before: the error's text and the time it took.
    String old = "{\"status\":\"failed\",\"error\":\"MaxTurnsExceededException: review/checker:"
        + " over\",\"tookMs\":3}";
    List<JournalEntry> journal = s.journal().stream()
        .map(e -> e.key().equals(CHECKER + "#outcome") ? new JournalEntry(e.key(), old) : e)
        .toList();
    assertTrue(journal.stream().anyMatch(e -> e.value().equals(old)));
    RunState oldState = new RunState(s.runId(), s.graph(), s.entryAgent(), s.entryArguments(),
        journal, s.approvals(), s.decisions(), s.graphFingerprint());

    ScriptedModel rest = ScriptedModel.builder().agent("security", r -> r.reply("ok")).build();
    Results<?> results = assertInstanceOf(Results.class,
        orchestrator(f, rest, null, tools, new AtomicInteger())
            .resume(oldState.approve(s.approvals().get(0).callId())).await());

    Throwable error = ((Outcome.Failed<?>) results.outcome("checker")).error();
    assertEquals(AgentException.class, error.getClass());
    assertEquals(CHECKER, ((AgentException) error).path());
    assertEquals(CHECKER + ": MaxTurnsExceededException: review/checker: over", error.getMessage());
    assertEquals(Duration.ofMillis(3), ((Outcome.Failed<?>) results.outcome("checker")).took());
  }

  private static Outcome.Failed<?> failedOutcome(List<RunEvent> events) {
    return events.stream()
        .flatMap(e -> e instanceof RunEvent.BranchFinished b && b.path().equals(CHECKER)
            && b.outcome() instanceof Outcome.Failed<?> o ? Stream.of(o) : Stream.empty())
        .findFirst().orElseThrow(() -> new AssertionError("no failed BranchFinished for "
            + CHECKER + " in " + events));
  }

  // Every typed field the runtime's exceptions carry, read through their public accessors.
  private static Map<String, Object> typedFields(AgentException e) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (e) {
      case MaxTurnsExceededException x -> m.put("limit", x.limit());
      case CallDepthExceededException x -> m.put("limit", x.limit());
      case ModelCallException x -> {
        m.put("status", x.status());
        m.put("attempts", x.attempts());
      }
      case IncompleteAnswerException x -> m.put("finishReason", x.finishReason());
      case ModelRefusalException x -> m.put("refusal", x.refusal());
      case AnswerTooLargeException x -> {
        m.put("limit", x.limit());
        m.put("setting", x.setting());
      }
      case AgentArgumentException x -> {
        m.put("agent", x.agent());
        m.put("parameter", x.parameter());
      }
      case RunTimeoutException x -> m.put("deadline", x.deadline());
      default -> { }
    }
    return m;
  }
}
