package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.request;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.model.ModelListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

/**
 * Timeouts and interrupts: no fault of the server makes a call hang, and an interrupted caller
 * gets control back at once. The time bounds here are generous ceilings for "promptly", never
 * budgets; synchronization is by latches and the server's request log, never by sleeping.
 */
class CancellationTest extends LoopbackTest {
  /** A ceiling for "promptly" that a loaded 2-core CI machine still meets easily. */
  private static final Duration PROMPTLY = Duration.ofSeconds(2);


  /** Runs a call on a virtual thread, as the runtime does; completes with what it threw. */
  private static Thread call(OpenAiModel model, ModelListener listener,
      CompletableFuture<Throwable> thrown) {
    return Thread.ofVirtual().start(() -> {
      try {
        model.respond(request("hi"), listener);
        thrown.complete(null);
      } catch (Throwable t) {
        thrown.complete(t);
      }
    });
  }

  @Test
  void headersSlowerThanTheAttemptTimeoutFail() {
    OpenAiModel impatient = model.newBuilder()
        .attemptTimeout(Duration.ofMillis(200))
        .retryPolicy(RetryPolicy.NONE)
        .build();
    server.enqueue(new MockResponse.Builder(sse(events(textChunk("late"))))
        .headersDelay(30, TimeUnit.SECONDS)
        .build());

    ModelCallException e = assertThrows(ModelCallException.class,
        () -> impatient.respond(request("hi"), ModelListener.NONE));

    assertEquals(0, e.status());
    assertTrue(e.getMessage().contains("attempt timeout of PT0.2S"), e.getMessage());
  }

  @Test
  void aTimedOutAttemptIsRetried() throws Exception {
    OpenAiModel impatient = model.newBuilder().attemptTimeout(Duration.ofMillis(300)).build();
    server.enqueue(new MockResponse.Builder(sse(events(textChunk("late"))))
        .headersDelay(30, TimeUnit.SECONDS)
        .build());
    server.enqueue(sse(events(textChunk("on time"))));

    assertEquals("on time", impatient.respond(request("hi"), ModelListener.NONE).text());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aStreamThatTricklesPastTheAttemptTimeoutIsCut() {
    OpenAiModel impatient = model.newBuilder()
        .attemptTimeout(Duration.ofMillis(300))
        .retryPolicy(RetryPolicy.NONE)
        .build();
    EndlessStream endless = new EndlessStream();
    server.enqueue(endless.response());

    ModelCallException e = assertThrows(ModelCallException.class,
        () -> impatient.respond(request("hi"), ModelListener.NONE));

    assertTrue(e.getMessage().contains("attempt timeout"), e.getMessage());
  }

  @Test
  void interruptWhileWaitingForHeadersReturnsPromptly() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.Stall.INSTANCE)
        .build());
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();

    Thread caller = call(model, ModelListener.NONE, thrown);
    server.takeRequest();
    caller.interrupt();

    assertTrue(caller.join(PROMPTLY), "respond did not return after the interrupt");
    assertInstanceOf(InterruptedException.class, thrown.getNow(null));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void interruptDuringAnEndlessStreamReturnsPromptlyAndClosesTheConnection() throws Exception {
    EndlessStream endless = new EndlessStream();
    server.enqueue(endless.response());
    CountDownLatch firstDelta = new CountDownLatch(1);
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();

    Thread caller = call(model, delta -> firstDelta.countDown(), thrown);
    assertTrue(firstDelta.await(10, TimeUnit.SECONDS), "the stream never started");
    caller.interrupt();

    assertTrue(caller.join(PROMPTLY), "respond did not return after the interrupt");
    assertInstanceOf(InterruptedException.class, thrown.getNow(null));
    // The server can only notice a closed connection: proof that the call was cancelled.
    assertTrue(endless.stopped.await(10, TimeUnit.SECONDS), "the server is still streaming");
  }

  @Test
  void interruptDuringTheBackoffWaitReturnsPromptly() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    OpenAiModel patient = model.newBuilder()
        .retryPolicy(RetryPolicy.builder()
            .baseDelay(Duration.ofMinutes(5))
            .maxDelay(Duration.ofMinutes(5))
            .build())
        .sleeper(duration -> {
          waiting.countDown();
          Sleeper.SYSTEM.sleep(duration);
        })
        .build();
    server.enqueue(Loopback.json(503, "{\"error\":{\"message\":\"busy\"}}"));
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();

    Thread caller = call(patient, ModelListener.NONE, thrown);
    assertTrue(waiting.await(10, TimeUnit.SECONDS), "never started waiting");
    caller.interrupt();

    assertTrue(caller.join(PROMPTLY), "respond did not return after the interrupt");
    assertInstanceOf(InterruptedException.class, thrown.getNow(null));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void anAlreadyInterruptedThreadSendsNothing() {
    Thread.currentThread().interrupt();
    try {
      assertThrows(InterruptedException.class,
          () -> model.respond(request("hi"), ModelListener.NONE));
      assertEquals(0, server.getRequestCount());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aListenerThatThrowsEndsTheCallWithItsException() throws Exception {
    EndlessStream endless = new EndlessStream();
    server.enqueue(endless.response());

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.respond(request("hi"), delta -> {
          throw new IllegalStateException("listener failed");
        }));

    assertEquals("listener failed", e.getMessage());
    assertTrue(endless.stopped.await(10, TimeUnit.SECONDS), "the server is still streaming");
  }

  @Test
  void anOwnClientLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
    Set<Thread> before = liveNonDaemonThreads();
    OpenAiModel own = OpenAiModel.builder()
        .baseUrl(server.url("/v1").toString())
        .apiKey(Loopback.KEY)
        .build();
    server.enqueue(sse(events(textChunk("one"))));
    server.enqueue(Loopback.json(Loopback.completion("two")));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    own.respond(request("hi"), ModelListener.NONE);
    own.newBuilder().streaming(false).build().respond(request("hi"), ModelListener.NONE);
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread caller = call(own, ModelListener.NONE, thrown);
    server.takeRequest();
    server.takeRequest();
    server.takeRequest();
    caller.interrupt();
    assertTrue(caller.join(PROMPTLY));
    own.close();

    List<Thread> leaked = liveNonDaemonThreads().stream()
        .filter(thread -> !before.contains(thread))
        .filter(thread -> !thread.getName().startsWith("MockWebServer"))
        .toList();
    for (Thread thread : leaked) {
      thread.join(Duration.ofSeconds(5));
    }
    assertEquals(List.of(), leaked.stream().filter(Thread::isAlive).map(Thread::getName).toList());
  }

  private static Set<Thread> liveNonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && !thread.isDaemon())
        .collect(Collectors.toSet());
  }

  @Test
  void closingAModelLeavesASharedClientUsable() throws Exception {
    okhttp3.OkHttpClient shared = new okhttp3.OkHttpClient();
    try {
      OpenAiModel borrowing = model.newBuilder().client(shared).build();
      server.enqueue(sse(events(textChunk("first"))));
      borrowing.respond(request("hi"), ModelListener.NONE);
      borrowing.close();
      server.enqueue(sse(events(textChunk("second"))));
      assertEquals("second",
          model.newBuilder().client(shared).build().respond(request("hi"), ModelListener.NONE)
              .text());
      assertFalse(shared.dispatcher().executorService().isShutdown());
    } finally {
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
  }

  /** A stream of text deltas that never ends until the client goes away. */
  private static final class EndlessStream implements MockResponseBody {
    final CountDownLatch stopped = new CountDownLatch(1);

    MockResponse response() {
      return new MockResponse.Builder()
          .setHeader("Content-Type", "text/event-stream")
          // Chunked framing is written by writeTo itself: MockWebServer writes bodies as is.
          .setHeader("Transfer-Encoding", "chunked")
          .body(this)
          .build();
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      String event = "data: " + textChunk("x") + "\n\n";
      try {
        while (true) {
          sink.writeUtf8(Integer.toHexString(event.length())).writeUtf8("\r\n")
              .writeUtf8(event).writeUtf8("\r\n");
          sink.flush();
          // Pace the stream like a model does; this is the server's behaviour, not a sync.
          Thread.sleep(5);
        }
      } catch (IOException | InterruptedException e) {
        stopped.countDown();
      }
    }
  }
}
