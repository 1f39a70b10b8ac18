package dev.baton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.internal.exec.VirtualThreadExecution;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.session.SessionStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JVM-wide count of platform threads in blocking calls of runners, which decides whether
 * platform waits poll before they park ({@link VirtualThreadExecution#callers()}): each such
 * thread counts once while it is in a call, whatever the call ends with, and nothing else counts.
 * A count left behind would switch polling off for the JVM; one taken too many, on for everyone.
 */
@ExtendWith(NoRunThreadsLeft.class)
class CallerCountTest {
  /** Thrown by a code agent: an {@link Error} of the test's own, not one the runtime makes. */
  static final class Boom extends Error {
    Boom() {
      super("boom");
    }
  }

  private static AgentGraph outer() {
    return AgentGraph.builder("Outer").codeAgent("outer", a -> a.input("m", String.class)).build();
  }

  private static AgentGraph single() {
    return AgentGraph.builder("One")
        .llmAgent("desk", a -> a.instructions("Help.").input("m", String.class)).build();
  }

  /** A code agent that runs {@code body} and returns what it saw of the count meanwhile. */
  private static Orchestrator counting(CodeBody body, RunOptions options) {
    return Orchestrator.builder(outer()).options(options)
        .codeAgent("outer", (self, args) -> body.run()).build();
  }

  @FunctionalInterface
  interface CodeBody {
    Object run() throws Exception;
  }

  private static Object onPlatformThread(CodeBody body) throws InterruptedException {
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t = Thread.ofPlatform().start(() -> {
      try {
        out.set(body.run());
      } catch (Throwable e) {
        out.set(e);
      }
    });
    t.join();
    return out.get();
  }

  @Test
  void aCallCountsItsPlatformCallerOnceWhileInItAndNotAfterWithOrWithoutADeadline()
      throws Exception {
    int before = VirtualThreadExecution.callers();
    for (RunOptions options : List.of(RunOptions.defaults(),
        RunOptions.builder().deadline(Duration.ofMinutes(10)).build())) {
      Orchestrator o = counting(VirtualThreadExecution::callers, options);
      assertEquals(before + 1, onPlatformThread(() -> o.call("outer", "m")), options.toString());
      assertEquals(before, VirtualThreadExecution.callers(), options.toString());
    }
  }

  @Test
  void aCallEndingInAnExceptionAnErrorOrAnInterruptLeavesNoCount() throws Exception {
    int before = VirtualThreadExecution.callers();
    for (RunOptions options : List.of(RunOptions.defaults(),
        RunOptions.builder().deadline(Duration.ofMinutes(10)).build())) {
      Orchestrator failing = counting(() -> {
        throw new IllegalStateException("failed");
      }, options);
      assertInstanceOf(RuntimeException.class,
          onPlatformThread(() -> failing.call("outer", "m")));
      assertEquals(before, VirtualThreadExecution.callers(), "exception " + options);

      Orchestrator erring = counting(() -> {
        throw new Boom();
      }, options);
      Object thrown = onPlatformThread(() -> erring.call("outer", "m"));
      assertTrue(thrown instanceof Throwable, "the call returned " + thrown);
      assertEquals(before, VirtualThreadExecution.callers(), "error " + options);

      // Interrupted before the call and while in it (the code agent waits for the interrupt).
      Orchestrator waiting = counting(() -> {
        new CountDownLatch(1).await();
        return "never";
      }, options);
      Object early = onPlatformThread(() -> {
        Thread.currentThread().interrupt();
        return waiting.call("outer", "m");
      });
      assertInstanceOf(RunCancelledException.class, early);
      assertEquals(before, VirtualThreadExecution.callers(), "interrupted before " + options);
    }
    CountDownLatch inside = new CountDownLatch(1);
    Orchestrator waiting = counting(() -> {
      inside.countDown();
      new CountDownLatch(1).await();
      return "never";
    }, RunOptions.defaults());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = Thread.ofPlatform().start(() -> {
      try {
        waiting.call("outer", "m");
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    inside.await();
    assertEquals(before + 1, VirtualThreadExecution.callers());
    caller.interrupt();
    caller.join();
    assertInstanceOf(RunCancelledException.class, thrown.get());
    assertEquals(before, VirtualThreadExecution.callers(), "interrupted in the call");
  }

  // A code agent runs on its caller's thread; when it calls a runner of another graph, the caller
  // waits for that run in a second blocking call on the same thread. Still one thread.
  @Test
  void aCodeAgentCallingAnotherRunnerOnItsCallersThreadCountsThatThreadOnce() throws Exception {
    int before = VirtualThreadExecution.callers();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    ScriptedModel model = ScriptedModel.builder().fallback(r -> ModelResponse.text("ok")).build();
    for (RunOptions innerOptions : List.of(RunOptions.defaults(),
        RunOptions.builder().deadline(Duration.ofMinutes(10)).build())) {
      Orchestrator inner = Orchestrator.builder(single()).model(model).options(innerOptions)
          .build();
      Orchestrator o = counting(() -> {
        seen.add(VirtualThreadExecution.callers());
        Object answer = inner.call("desk", "m");
        seen.add(VirtualThreadExecution.callers());
        return answer;
      }, RunOptions.defaults());
      assertEquals("ok", onPlatformThread(() -> o.call("outer", "m")));
      assertEquals(before, VirtualThreadExecution.callers());
    }
    // The inner call's waits are inside the second call: seen from the model's thread.
    CountDownLatch inModel = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedModel holding = ScriptedModel.builder().fallback(r -> {
      inModel.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ModelResponse.text("held");
    }).build();
    Orchestrator inner = Orchestrator.builder(single()).model(holding).build();
    Orchestrator o = counting(() -> inner.call("desk", "m"), RunOptions.defaults());
    Thread caller = Thread.ofPlatform().start(() -> o.call("outer", "m"));
    inModel.await();
    int during = VirtualThreadExecution.callers();
    release.countDown();
    caller.join();
    assertEquals(before + 1, during, "one platform thread, counted " + (during - before) + " times");
    assertEquals(List.of(before + 1, before + 1, before + 1, before + 1), seen);
    assertEquals(before, VirtualThreadExecution.callers());
  }

  @Test
  void virtualCallersStartedRunsAndSessionTurnsCountAsTheyShould() throws Exception {
    int before = VirtualThreadExecution.callers();
    Orchestrator o = counting(VirtualThreadExecution::callers, RunOptions.defaults());
    // A virtual caller parks at once anyway: not counted.
    AtomicReference<Object> fromVirtual = new AtomicReference<>();
    Thread.ofVirtual().start(() -> fromVirtual.set(o.call("outer", "m"))).join();
    assertEquals(before, fromVirtual.get());
    // A started run's entry runs on a virtual thread; waiting for it is not a blocking call.
    assertEquals(before, onPlatformThread(() -> o.start("outer", "m").await()));
    assertEquals(before, VirtualThreadExecution.callers());
    // A session turn is a blocking call like any other, and leaves no count when it fails.
    SessionStore store = SessionStore.inMemory();
    Orchestrator session = counting(VirtualThreadExecution::callers,
        RunOptions.builder().session(store.session("s")).build());
    assertEquals(before + 1, onPlatformThread(() -> session.call("outer", "m")));
    Orchestrator failingSession = counting(() -> {
      throw new Boom();
    }, RunOptions.builder().session(store.session("t")).build());
    assertThrows(Boom.class, () -> {
      Object t = onPlatformThread(() -> failingSession.call("outer", "m"));
      if (t instanceof Throwable e) {
        throw e;
      }
    });
    assertEquals(before, VirtualThreadExecution.callers());
  }
}
