package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.chunk;
import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.json;
import static dev.baton.runtime.openai.Loopback.request;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.model.ModelListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A canary key that a hostile server echoes everywhere it can must appear in no exception
 * message, cause, stack trace, {@code toString()}, log record or stderr output.
 */
class SecretLeakTest {
  private static final String CANARY = "sk-canary-" + UUID.randomUUID().toString().replace("-", "");

  private final MockWebServer server = new MockWebServer();
  private final Loopback.RecordingSleeper sleeper = new Loopback.RecordingSleeper();
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      // The loopback server logs what it sent, hostile status lines included; it is not ours.
      if (String.valueOf(record.getLoggerName()).startsWith("mockwebserver3")) {
        return;
      }
      logged.add(record.getLoggerName() + " " + record.getMessage() + " " + record.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level rootLevel;
  private PrintStream originalErr;
  private OpenAiModel model;

  @BeforeEach
  void start() throws Exception {
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    Logger.getLogger("okhttp3").setLevel(Level.ALL);
    root.addHandler(capture);
    originalErr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    server.start();
    model = Loopback.model(server, sleeper).apiKey(CANARY).build();
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
    System.setErr(originalErr);
    Logger root = Logger.getLogger("");
    root.removeHandler(capture);
    root.setLevel(rootLevel);
    Logger.getLogger("okhttp3").setLevel(null);
    String err = stderr.toString(StandardCharsets.UTF_8);
    assertFalse(err.contains(CANARY), "stderr shows the key: " + err);
    assertFalse(logged.stream().anyMatch(line -> line.contains(canaryPrefix())),
        "a log record shows the key: " + logged);
  }

  /** The part OpenAI leaves visible when it masks a key in its error message. */
  private static String canaryPrefix() {
    return CANARY.substring(0, 12);
  }

  static Stream<Arguments> hostileAnswers() {
    String echo = "echo: Bearer " + CANARY;
    String masked = "Incorrect API key provided: " + CANARY.substring(0, 12) + "****"
        + CANARY.substring(CANARY.length() - 4) + ".";
    return Stream.of(
        Arguments.of("401 echoing the key", json(401,
            "{\"error\":{\"message\":\"" + echo + "\"}}")),
        Arguments.of("401 echoing a masked key", json(401,
            "{\"error\":{\"message\":\"" + masked + "\"}}")),
        Arguments.of("500 html echoing the key", new MockResponse.Builder()
            .code(500).body("<html>" + echo + "</html>").build()),
        Arguments.of("malformed body echoing the key", json(echo + " {")),
        Arguments.of("no choices echoing the key", json(
            "{\"choices\":[],\"note\":\"" + echo + "\"}")),
        Arguments.of("stream error echoing the key", sse(events(
            "{\"error\":{\"message\":\"" + echo + "\"}}"))),
        Arguments.of("stream malformed chunk echoing the key", sse(events(
            textChunk("hi"), echo))),
        Arguments.of("stream error event echoing the key", sse(
            "event: error\ndata: " + echo + "\n\n")),
        Arguments.of("tool call without a name whose id is the key", sse(events(
            chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"" + CANARY + "\"}]}")))),
        Arguments.of("status line echoing the key", new MockResponse.Builder()
            .status("HTTP/1.1 2x0 " + CANARY).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileAnswers")
  void noFailureShowsTheKey(String name, MockResponse hostile) {
    for (int i = 0; i < 4; i++) {
      server.enqueue(hostile);
    }

    ModelCallException e = assertThrows(ModelCallException.class,
        () -> model.respond(request("hi"), ModelListener.NONE));

    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(canaryPrefix()), trace.toString());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(canaryPrefix()), t.toString());
    }
  }

  @Test
  void theKeyIsSentButNotShown() throws Exception {
    server.enqueue(sse(events(textChunk("ok"))));
    model.respond(request("hi"), ModelListener.NONE);
    assertTrue(server.takeRequest().getHeaders().get("Authorization").contains(CANARY),
        "the canary must really be in use for this test to mean anything");

    OpenAiModel.Builder builder = model.newBuilder().header("X-Api-Key", CANARY);
    for (Object shown : List.of(model, builder, builder.build(), model.newBuilder())) {
      assertFalse(shown.toString().contains(CANARY), shown.toString());
      assertFalse(shown.toString().contains(canaryPrefix()), shown.toString());
    }
    assertTrue(model.toString().contains("apiKey=(set)"), model.toString());
  }

  @Test
  void aBaseUrlCarryingTheKeyIsNotShown() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OpenAiModel.builder().apiKey(CANARY).baseUrl("not a url " + CANARY).build());
    assertFalse(e.getMessage().contains(CANARY), e.getMessage());
  }

  @Test
  void aHeaderValueThatHttpRejectsIsNotQuoted() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OpenAiModel.builder().header("X-Key", CANARY + "\n"));
    assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    assertTrue(e.getMessage().contains("X-Key"), e.getMessage());
  }
}
