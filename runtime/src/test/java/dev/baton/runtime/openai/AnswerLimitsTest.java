package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.chunk;
import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.graph.AgentGraph;
import dev.baton.runtime.AnswerTooLargeException;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two answer-size bounds in one run over the wire: the client's ({@code
 * OpenAiModel.Builder.maxAnswerChars}) and the run's ({@code RunOptions.maxAnswerChars}). Whichever
 * is smaller trips first, with the same exception naming its setting, no retry, and the failure
 * visible in the model call's event.
 */
class AnswerLimitsTest extends LoopbackTest {
  @Override
  OpenAiModel.Builder configure(OpenAiModel.Builder builder) {
    return builder.maxAnswerChars(1_000);
  }

  private static AgentGraph desk() {
    return AgentGraph.builder("Desk")
        .llmAgent("desk", a -> a.instructions("Help.").input("message", String.class))
        .build();
  }

  /** A streamed answer of {@code chars} characters in 100-character deltas. */
  private void enqueueAnswer(int chars) {
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < chars / 100; i++) {
      chunks.add(textChunk("y".repeat(100)));
    }
    chunks.add(chunk("{}", "stop"));
    server.enqueue(sse(events(chunks.toArray(String[]::new))));
  }

  private AnswerTooLargeException failedRun(RunOptions options) {
    Run<Object> run = Orchestrator.builder(desk()).model(model).options(options).build()
        .start("desk", "hi");
    AnswerTooLargeException e = assertThrows(AnswerTooLargeException.class, run::await);
    RunEvent.ModelCallFinished finished = run.events()
        .filter(RunEvent.ModelCallFinished.class::isInstance)
        .map(RunEvent.ModelCallFinished.class::cast).findFirst().orElseThrow();
    assertTrue(finished.error().contains(e.setting()), finished.error());
    assertEquals(1, server.getRequestCount(), "an answer too large is not retried");
    return e;
  }

  @Test
  void theClientsSmallerLimitFailsTheRunWithTheRunsExceptionNamingTheClientSetting() {
    enqueueAnswer(2_000);

    AnswerTooLargeException e = failedRun(RunOptions.builder().build());

    assertEquals("OpenAiModel.Builder.maxAnswerChars", e.setting());
    assertEquals(1_000, e.limit());
    assertEquals("desk", e.path());
  }

  @Test
  void theRunsSmallerLimitFailsTheRunNamingTheRunSetting() {
    enqueueAnswer(900);

    AnswerTooLargeException e = failedRun(RunOptions.builder().maxAnswerChars(500).build());

    assertEquals(AnswerTooLargeException.RUN_SETTING, e.setting());
    assertEquals(500, e.limit());
  }
}
