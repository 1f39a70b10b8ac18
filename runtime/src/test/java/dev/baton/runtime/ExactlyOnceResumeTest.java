package dev.baton.runtime;

import static dev.baton.runtime.ResumeFixtures.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ResumeFixtures.CountingTools;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run continues at most once: many simultaneous resumes of one approved state execute the approved
 * tool once, a later resume of a finished run executes nothing, and stores refuse a second run under
 * an existing id.
 */
@ExtendWith(NoRunThreadsLeft.class)
class ExactlyOnceResumeTest {
  private static final int RESUMERS = 12;

  @TempDir
  Path dir;

  private static ScriptedModel pausingModel() {
    return ScriptedModel.builder()
        .agent("frontDesk", s -> s.call("refund", "{}"))
        .build();
  }

  private static ScriptedModel finishingModel() {
    // Enough steps for every resumer, so a second execution would not be stopped by the script.
    return ScriptedModel.builder()
        .agent("frontDesk", s -> {
          for (int i = 0; i < RESUMERS; i++) {
            s.respond(r -> ModelResponse.text("refunded"));
          }
        })
        .build();
  }

  private RunState paused(RunOptions options) {
    Orchestrator o = Orchestrator.builder(ResumeFixtures.desk()).model(pausingModel())
        .tools(OWNER, new CountingTools()).options(options).build();
    ApprovalRequiredException e = assertThrows(ApprovalRequiredException.class,
        () -> o.call("frontDesk", "refund me"));
    RunState state = RunState.fromJson(e.state().toJson());
    return state.approve(state.approvals().get(0).callId());
  }

  // Starts RESUMERS threads that resume the same state at once; returns what each one got.
  private static List<Object> resumeAtOnce(Function<Integer, Object> resume) throws Exception {
    CyclicBarrier start = new CyclicBarrier(RESUMERS);
    ConcurrentLinkedQueue<Object> got = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < RESUMERS; i++) {
      int n = i;
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          start.await();
          got.add(resume.apply(n));
        } catch (Throwable t) {
          got.add(t);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return List.copyOf(got);
  }

  private static void assertOneSucceeded(List<Object> got) {
    long ok = got.stream().filter("refunded"::equals).count();
    List<Object> refused = got.stream().filter(g -> !"refunded".equals(g)).toList();
    assertEquals(1, ok, () -> "results: " + got);
    assertTrue(refused.stream().allMatch(g -> g instanceof RunConflictException),
        () -> "the others must be refused with RunConflictException: " + refused);
  }

  @Test
  void simultaneousResumesOfOneStateWithoutAStoreExecuteTheApprovedToolOnce() throws Exception {
    RunState approved = paused(RunOptions.defaults());
    ScriptedModel model = finishingModel();
    CountingTools tools = new CountingTools();
    Orchestrator o = Orchestrator.builder(ResumeFixtures.desk()).model(model).tools(OWNER, tools)
        .build();

    List<Object> got = resumeAtOnce(n -> o.resume(approved).await());

    assertOneSucceeded(got);
    assertEquals(1, tools.count("refund"));
    RunConflictException later = assertThrows(RunConflictException.class, () -> o.resume(approved));
    assertEquals(RunConflictException.Reason.FINISHED, later.reason());
    assertEquals(1, tools.count("refund"));
  }

  @Test
  void simultaneousResumesThroughTheFileStoreExecuteTheApprovedToolOnce() throws Exception {
    RunState approved = paused(RunOptions.builder().journalStore(JournalStore.file(dir)).build());
    CountingTools tools = new CountingTools();
    ScriptedModel model = finishingModel();
    // Each resumer has its own store object on the directory, as separate processes would.
    List<Object> got = resumeAtOnce(n -> Orchestrator.builder(ResumeFixtures.desk()).model(model)
        .tools(OWNER, tools).options(RunOptions.builder().journalStore(JournalStore.file(dir)).build())
        .build().resume(approved).await());

    assertOneSucceeded(got);
    assertEquals(1, tools.count("refund"));
    RunConflictException later = assertThrows(RunConflictException.class, () ->
        Orchestrator.builder(ResumeFixtures.desk()).model(model).tools(OWNER, tools)
            .options(RunOptions.builder().journalStore(JournalStore.file(dir)).build()).build()
            .resume(approved));
    assertEquals(RunConflictException.Reason.FINISHED, later.reason());
    long stored = JournalStore.file(dir).load(approved.runId()).stream()
        .filter(e -> e.key().contains("#t")).count();
    assertEquals(1, stored, "the refund's result is stored once");
  }

  @Test
  void storesRefuseASecondRunUnderAnExistingId() {
    for (JournalStore store : List.of(JournalStore.inMemory(), JournalStore.file(dir))) {
      store.create("run-a");
      RunConflictException e = assertThrows(RunConflictException.class, () -> store.create("run-a"));
      assertEquals(RunConflictException.Reason.ID_IN_USE, e.reason());
      assertTrue(e.getMessage().contains("run-a"), e.getMessage());
    }
  }

  @Test
  void aClaimExcludesEveryOtherHolderUntilClosed() {
    JournalStore a = JournalStore.file(dir);
    JournalStore b = JournalStore.file(dir);
    try (JournalStore.Claim held = a.claim("run-b")) {
      RunConflictException e = assertThrows(RunConflictException.class, () -> b.claim("run-b"));
      assertEquals(RunConflictException.Reason.ALREADY_RUNNING, e.reason());
      assertThrows(RunConflictException.class, () -> a.claim("run-b"));
    }
    b.claim("run-b").close();
    JournalStore memory = JournalStore.inMemory();
    try (JournalStore.Claim held = memory.claim("run-c")) {
      assertThrows(RunConflictException.class, () -> memory.claim("run-c"));
    }
    memory.claim("run-c").close();
  }

  @Test
  void runIdsCarry128BitsAndDoNotRepeat() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      String id = dev.baton.runtime.internal.RunIds.next();
      assertTrue(id.matches("run-[0-9a-f]{32}"), id);
      assertTrue(seen.add(id), id);
    }
  }
}
