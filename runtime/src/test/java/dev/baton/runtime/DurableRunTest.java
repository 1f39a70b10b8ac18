package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static dev.baton.runtime.ResumeFixtures.lastToolResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ResumeFixtures.CountingTools;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.UserMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs writing to a {@link JournalStore}: what they store, and resuming from what they stored. */
@ExtendWith(NoRunThreadsLeft.class)
class DurableRunTest {
  @TempDir Path dir;

  private static RunOptions storing(JournalStore store) {
    return RunOptions.builder().journalStore(store).build();
  }

  @Test
  void everyStepIsStoredAsItHappensAndTheStoreRebuildsTheState() {
    JournalStore store = JournalStore.inMemory();
    AtomicReference<List<String>> keysSeenByTool = new AtomicReference<>();
    ToolInvoker tools = (tool, args, ctx) -> {
      keysSeenByTool.set(store.load(ctx.runId()).stream().map(JournalEntry::key).toList());
      return "found";
    };
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("lookup", "{}").call("refund", "{}").reply("refunded"))
        .build();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.desk()).model(model).tools(OWNER, tools)
        .options(storing(store)).build();

    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class,
        () -> o.call("frontDesk", "I was charged twice"));

    // The model response that asked for the tool was stored before the tool ran.
    assertTrue(keysSeenByTool.get().containsAll(List.of("@run", "frontDesk#m1")), keysSeenByTool.get()::toString);
    RunState fromStore = RunState.fromStore(store, e.runId());
    RunState inRun = e.state();
    assertEquals(inRun.journal(), fromStore.journal());
    assertEquals(inRun.approvals(), fromStore.approvals());
    assertEquals(inRun.entryAgent(), fromStore.entryAgent());
    assertEquals(inRun.entryArguments(), fromStore.entryArguments());
    assertEquals("Desk", fromStore.graph());

    String callId = fromStore.approvals().get(0).callId();
    assertEquals("refunded", o.resume(fromStore.approve(callId)).await());

    RunState after = RunState.fromStore(store, e.runId());
    assertEquals(List.of(), after.approvals());
    assertEquals(new RunState.Decision(true, ""), after.decisions().get(callId));
    assertTrue(after.journal().stream().anyMatch(j -> j.key().equals("frontDesk#out")));
    assertEquals(after.journal().size(), after.journal().stream().map(JournalEntry::key).distinct().count(),
        "no step stored twice");
  }

  @Test
  void aResumeFromJsonIntoAnEmptyStoreStoresTheWholeJournal() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("refund", "{}").reply("refunded"))
        .build();
    Orchestrator plain = Orchestrator.builder(ResumeFixtures.desk()).model(model)
        .tools(OWNER, new CountingTools()).build();
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class,
        () -> plain.call("frontDesk", "refund"));
    RunState state = RunState.fromJson(e.state().toJson());
    state = state.approve(state.approvals().get(0).callId());

    JournalStore store = JournalStore.file(dir);
    assertEquals("refunded", plain.with(storing(store)).resume(state).await());

    RunState stored = RunState.fromStore(store, e.runId());
    assertTrue(stored.journal().containsAll(e.state().journal()));
    assertEquals(state.decisions(), stored.decisions());
  }

  /**
   * Stops the run right after its {@code limit}-th entry reached the file, as a process killed at
   * that moment would: that entry is stored, nothing after it is.
   */
  private static final class CrashingStore implements JournalStore {
    private final JournalStore files;
    private final int limit;
    private final AtomicInteger appended = new AtomicInteger();

    CrashingStore(JournalStore files, int limit) {
      this.files = files;
      this.limit = limit;
    }

    @Override
    public void append(String runId, JournalEntry entry) {
      int n = appended.incrementAndGet();
      if (n > limit) {
        throw new IllegalStateException("simulated crash");
      }
      files.append(runId, entry);
      if (n == limit) {
        throw new IllegalStateException("simulated crash");
      }
    }

    @Override
    public List<JournalEntry> load(String runId) {
      return files.load(runId);
    }

    @Override
    public List<String> runIds() {
      return files.runIds();
    }
  }

  private static ScriptedModel deskScript() {
    return ScriptedModel.builder()
        .agent("frontDesk", s -> s
            .call("lookup", "{}")
            .handoff("billing", "{\"problem\":\"charged twice\"}")
            .respond(r -> ModelResponse.text("done: " + lastToolResult(r).content())))
        .agent("billing", s -> s.call("audit", "{}").reply("audited"))
        .build();
  }

  @Test
  void aRunStoppedAfterAnyNumberOfStoredStepsResumesFromTheFileStoreRunningEachStepOnce()
      throws IOException {
    JournalStore measure = JournalStore.inMemory();
    Orchestrator.builder(ResumeFixtures.desk()).model(deskScript()).tools(OWNER, new CountingTools())
        .options(storing(measure)).build().call("frontDesk", "I was charged twice");
    // Every entry up to the run's end record: a crash while writing that record leaves a run whose
    // steps are all stored, which resumes to its end without running anything.
    int total = (int) measure.load(measure.runIds().get(0)).stream()
        .filter(e -> !e.key().equals(JournalStore.END_KEY)).count();
    assertTrue(total > 10, "entries: " + total);

    for (int limit = 1; limit <= total; limit++) {
      Path files = Files.createDirectory(dir.resolve("crash-" + limit));
      JournalStore store = JournalStore.file(files);
      ScriptedModel model = deskScript(); // shared by both halves: a repeated call shifts the script
      CountingTools tools = new CountingTools();
      Orchestrator crashing = Orchestrator.builder(ResumeFixtures.desk()).model(model)
          .tools(OWNER, tools).options(storing(new CrashingStore(store, limit))).build();
      Run<Object> run = crashing.start("frontDesk", "I was charged twice");
      AgentException stopped = assertThrows(AgentException.class, run::await);
      assertTrue(stopped.getMessage().contains("journal store"), stopped.getMessage());
      assertEquals(RunStatus.FAILED, run.status());
      Threads.assertNoneLeft(run.id());

      Object answer = crashing.with(storing(store)).resume(RunState.fromStore(store, run.id())).await();

      int at = limit;
      assertEquals("done: audited", answer, () -> "stopped after entry " + at);
      assertEquals(5, model.callCount(), () -> "model calls, stopped after entry " + at);
      assertEquals(List.of(1, 1), List.of(tools.count("lookup"), tools.count("audit")),
          () -> "tool calls, stopped after entry " + at);
      List<String> keys = store.load(run.id()).stream().map(JournalEntry::key)
          .filter(k -> !k.startsWith("@")).toList();
      assertEquals(keys.size(), keys.stream().distinct().count(), () -> "duplicates: " + keys);
    }
  }

  @Test
  void aCodeAgentThatTakesAnotherTurnOnReplayIsReported() {
    AtomicBoolean replaying = new AtomicBoolean();
    AtomicReference<Throwable> seenByBody = new AtomicReference<>();
    CodeAgent body = (o, args) -> {
      try {
        // Not deterministic: the first call depends on something outside the run.
        String notes = o.call(replaying.get() ? "outline" : "research", args[0]);
        return o.call("write", notes);
      } catch (AgentException e) {
        seenByBody.set(e);
        return "a fallback that would mix two different runs";
      }
    };
    ScriptedModel model = ScriptedModel.builder()
        .agent("research", s -> s.reply("notes"))
        .agent("outline", s -> s.reply("an outline"))
        .agent("write", s -> s.call("publish", "{}").reply("article"))
        .build();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.pipeline()).model(model)
        .tools(OWNER, new CountingTools()).codeAgent("pipeline", body).build();
    ApprovalRequiredException paused = assertThrows(ApprovalRequiredException.class,
        () -> o.call("pipeline", "otters"));

    replaying.set(true);
    RunState state = paused.state().approve(paused.approvals().get(0).callId());
    Run<Object> resumed = o.resume(state);
    AgentException e = assertThrows(AgentException.class, resumed::await);

    assertTrue(e.getMessage().contains("diverges"), e.getMessage());
    assertTrue(e.getMessage().contains("pipeline/research") && e.getMessage().contains("pipeline/outline"),
        e.getMessage());
    assertEquals("pipeline", e.path());
    assertEquals(RunStatus.FAILED, resumed.status());
    assertTrue(seenByBody.get() != null, "the body saw the divergence, caught it, and still failed");
    assertTrue(model.requests("outline").isEmpty(), "nothing ran live on top of the replay");
  }

  record Credentials(String apiKey) {}

  @Test
  void contextObjectsAndModelSecretsStayOutOfTheJournal() throws IOException {
    String secret = "sk-test-DO-NOT-STORE-1234";
    JournalStore store = JournalStore.file(dir);
    ToolInvoker tools = (tool, args, ctx) -> {
      String key = ctx.get(Credentials.class).apiKey(); // used, never returned
      return key.isEmpty() ? "no key" : "charged";
    };
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("lookup", "{}").call("refund", "{}"))
        .build();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.desk()).model(model).tools(OWNER, tools)
        .options(RunOptions.builder().context(new Credentials(secret)).journalStore(store).build())
        .build();
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class,
        () -> o.call("frontDesk", "hello"));

    assertFalse(e.state().toJson().contains(secret));
    assertFalse(e.state().toJson().contains("Credentials"));
    assertFalse(Files.readString(dir.resolve(e.runId() + ".jsonl")).contains(secret));
    // The model request carried nothing secret either: what is journaled is only its response.
    assertTrue(e.state().journal().stream().noneMatch(j -> j.value().contains("instructions")));
  }

  @Test
  void agentsCalledByConcurrentToolCallsKeepTheirPathsOnReplay() {
    AtomicReference<Orchestrator> self = new AtomicReference<>();
    CountingTools counts = new CountingTools();
    ToolInvoker tools = (tool, args, ctx) -> {
      Object done = counts.invoke(tool, args, ctx);
      // Both calls of the turn run at once and each calls billing; which gets there first varies.
      return switch (tool) {
        case "lookup" -> self.get().call("billing", "case-A");
        case "slow" -> self.get().call("billing", "case-B");
        default -> done;
      };
    };
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s
            .calls(ScriptedModel.toolCall("lookup", "{}"), ScriptedModel.toolCall("slow", "{}"))
            .respond(r -> ModelResponse.text(r.messages().stream()
                .filter(m -> m instanceof ToolMessage).map(m -> ((ToolMessage) m).content())
                .toList().toString())))
        .fallback(DurableRunTest::billing)
        .build();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.desk()).model(model).tools(OWNER, tools).build();
    self.set(o);
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class,
        () -> o.call("frontDesk", "two cases"));
    assertEquals("frontDesk/billing@call_frontDesk_1_1", e.approvals().get(0).path());

    RunState state = RunState.fromJson(e.state().toJson());
    Object answer = o.resume(state.approve(state.approvals().get(0).callId())).await();

    assertEquals("[A paid: payout done, B handled]", answer);
    // lookup waited for approval inside billing, so it ran again; slow had finished and did not.
    assertEquals(List.of(2, 1, 1), List.of(counts.count("lookup"), counts.count("slow"),
        counts.count("payout")));
  }

  // billing pays case A after approval, answers case B at once: keyed by its input, not by order.
  private static ModelResponse billing(ModelRequest r) {
    String input = r.messages().stream().filter(m -> m instanceof UserMessage)
        .map(m -> ((UserMessage) m).text()).reduce((a, b) -> b).orElse("");
    Message last = r.messages().get(r.messages().size() - 1);
    if (!input.contains("case-A")) {
      return ModelResponse.text("B handled");
    }
    return last instanceof ToolMessage t ? ModelResponse.text("A paid: " + t.content())
        : ModelResponse.toolCalls(List.of(new ToolCall("pay-A", "payout", "{}")));
  }
}
