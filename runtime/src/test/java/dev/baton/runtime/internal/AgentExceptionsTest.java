package dev.baton.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runtime.AgentArgumentException;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.AnswerTooLargeException;
import dev.baton.runtime.CallDepthExceededException;
import dev.baton.runtime.IncompleteAnswerException;
import dev.baton.runtime.InvalidRunStateException;
import dev.baton.runtime.MaxTurnsExceededException;
import dev.baton.runtime.ModelBehaviorException;
import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.ModelRefusalException;
import dev.baton.runtime.RunCancelledException;
import dev.baton.runtime.RunConflictException;
import dev.baton.runtime.RunSetupException;
import dev.baton.runtime.RunTimeoutException;
import dev.baton.runtime.WaitTimeoutException;
import dev.baton.runtime.session.SessionConflictException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every type the codec lists survives a round trip through JSON text with its class, path,
 * message and typed fields and without its cause; what it does not list, and JSON that was
 * tampered with, reads back as null or as a well-formed exception, never as a crash.
 */
class AgentExceptionsTest {
  private static final String SECRET = "sk-live-0123456789abcdef";
  private static final String RUN = "run-1";

  static Stream<AgentException> listed() {
    IOException cause = new IOException("Authorization: Bearer " + SECRET);
    return Stream.of(
        new AgentException(RUN, "a/b", "IllegalStateException: the ledger is offline", cause),
        new MaxTurnsExceededException(RUN, "a>b", 4, "\"b\" made 4 model calls"),
        new CallDepthExceededException(RUN, "a+b+c", 2),
        new ModelCallException(RUN, "a", 429, 3, "HTTP 429 after 3 attempts", cause),
        new ModelBehaviorException(RUN, "a", "the answer is not JSON", cause),
        new IncompleteAnswerException(RUN, "a", "content_filter", "filtered"),
        new ModelRefusalException(RUN, "a", "I cannot", "the model refused"),
        new AnswerTooLargeException(RUN, "a", 64),
        new AnswerTooLargeException(RUN, "a", 16, "Client.maxAnswerChars",
            "a detail: with a colon"),
        new AgentArgumentException(RUN, "a/b", "b", "diff", "agent \"b\" got null"),
        new RunSetupException(RUN, "a", "no API key is configured"),
        new RunConflictException(RUN, RunConflictException.Reason.FINISHED, "already finished"),
        new InvalidRunStateException(RUN, "the state is not valid", List.of("one", "two")),
        new RunCancelledException(RUN, "a"),
        new RunTimeoutException(RUN, "a", Duration.ofSeconds(90)),
        new WaitTimeoutException(RUN, Duration.ofMillis(250)),
        new SessionConflictException(RUN, "s-1", 3, 4));
  }

  @ParameterizedTest
  @MethodSource("listed")
  void aListedTypeComesBackWithItsClassPathMessageAndFields(AgentException e) {
    String text = AgentExceptions.toJson(e).toString();
    AgentException back = AgentExceptions.fromJson(RUN, Json.tree(text));

    assertEquals(e.getClass(), back.getClass());
    assertEquals(e.path(), back.path());
    assertEquals(e.getMessage(), back.getMessage());
    assertEquals(RUN, back.runId());
    assertEquals(AgentExceptions.fields(e), AgentExceptions.fields(back));
    assertNull(back.getCause());
    assertFalse(text.contains(SECRET), text);
  }

  @Test
  void aTypeTheCodecDoesNotListIsNull() {
    AgentException own = new AgentException(RUN, "a", "mine", null) { };
    assertNull(AgentExceptions.fromJson(RUN, AgentExceptions.toJson(own)));
    assertNull(AgentExceptions.fromJson(RUN, Json.tree(
        "{\"type\":\"com.acme.ModelCallException\",\"path\":\"a\",\"message\":\"x\"}")));
    assertNull(AgentExceptions.fromJson(RUN, Json.tree("[1]")));
    assertNull(AgentExceptions.fromJson(RUN, null));
  }

  @Test
  void tamperedJsonReadsBackWithoutACrash() {
    List<String> tampered = List.of(
        "{\"type\":\"dev.baton.runtime.ModelCallException\",\"fields\":\"not an object\"}",
        "{\"type\":\"dev.baton.runtime.ModelCallException\",\"fields\":{\"status\":\"x\"}}",
        "{\"type\":\"dev.baton.runtime.AnswerTooLargeException\",\"path\":null,"
            + "\"message\":[1],\"fields\":{\"limit\":{\"a\":1},\"setting\":[]}}",
        "{\"type\":\"dev.baton.runtime.RunTimeoutException\",\"fields\":{\"deadline\":\"soon\"}}",
        "{\"type\":\"dev.baton.runtime.RunConflictException\",\"fields\":{\"reason\":\"NOPE\"}}",
        "{\"type\":\"dev.baton.runtime.InvalidRunStateException\","
            + "\"fields\":{\"problems\":{\"a\":[]}}}",
        "{\"type\":\"dev.baton.runtime.MaxTurnsExceededException\",\"path\":\"a\","
            + "\"message\":\"a\",\"fields\":{\"limit\":1e99}}");
    for (String json : tampered) {
      JsonNode n = Json.tree(json);
      AgentException e = AgentExceptions.fromJson(RUN, n);
      if (e != null) {
        assertEquals(RUN, e.runId(), json);
      }
    }
  }

  @Test
  void aFailureOfAnotherKindStandsInAsAPlainAgentExceptionAtItsPath() {
    IllegalStateException thrown = new IllegalStateException("the ledger is offline",
        new IOException(SECRET));

    AgentException standIn = AgentExceptions.standIn(RUN, "review/checker", thrown);

    assertEquals(AgentException.class, standIn.getClass());
    assertEquals("review/checker", standIn.path());
    assertEquals("review/checker: IllegalStateException: the ledger is offline",
        standIn.getMessage());
    assertNull(standIn.getCause());
    ModelCallException typed = new ModelCallException(RUN, "a", 500, 1, "down", null);
    assertEquals(typed, AgentExceptions.standIn(RUN, "b", typed));
  }
}
