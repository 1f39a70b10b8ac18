package dev.baton.runtime.openai;

import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import okio.BufferedSource;

/**
 * One HTTP attempt of a model call.
 *
 * <p>All network I/O happens on OkHttp's dispatcher (the call is enqueued), and everything it
 * reads is relayed to the calling thread through a queue. The calling thread only waits on that
 * queue, so an interrupt wakes it at once whatever the socket is doing; it then cancels the call,
 * which makes the dispatcher's blocked read fail and end. Text deltas reach the listener on the
 * calling thread, as {@link ModelListener} promises. Used once, by one calling thread.
 */
final class Exchange {
  private static final MediaType EVENT_STREAM = MediaType.get("text/event-stream");

  /** How much of an error body is kept: enough for any error JSON, bounded against floods. */
  private static final long ERROR_BODY_LIMIT = 64 * 1024;

  /**
   * How long to wait for the stream to end after {@code [DONE]}. Waiting lets the connection go
   * back to the pool; the bound keeps a server that never closes from holding a thread.
   */
  private static final long CLOSE_GRACE_MILLIS = 1_000;

  private static final String DONE = "[DONE]";

  private final Call call;
  private final boolean stream;
  private final Duration timeout;
  private final SecretScrubber scrubber;
  private final Clock clock;
  private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();

  /**
   * Prepares the attempt.
   *
   * @param call the call, not yet executed, its timeout set
   * @param stream whether the request asked for a stream
   * @param timeout the call's timeout, for messages
   * @param scrubber removes the key from messages
   * @param clock measures {@code Retry-After} dates
   */
  Exchange(Call call, boolean stream, Duration timeout, SecretScrubber scrubber, Clock clock) {
    this.call = call;
    this.stream = stream;
    this.timeout = timeout;
    this.scrubber = scrubber;
    this.clock = clock;
  }

  /**
   * Makes the attempt and waits for its outcome.
   *
   * @param listener receives text deltas, on this thread
   * @return the answer or the failure
   * @throws InterruptedException if this thread is interrupted; the call is cancelled first
   */
  AttemptOutcome run(ModelListener listener) throws InterruptedException {
    // Cancel on every exit except when the dispatcher has finished with the response by itself,
    // so that no read outlives the attempt and finished connections stay poolable.
    boolean responseReleased = false;
    call.enqueue(new Relay());
    try {
      Signal first = signals.take();
      switch (first) {
        case TransportFailed failed -> {
          return new AttemptOutcome.Failed(0, true, describe(failed.error()), null,
              ScrubbedException.safe(failed.error(), scrubber));
        }
        case HttpError error -> {
          responseReleased = true;
          return httpError(error);
        }
        case Body body -> {
          responseReleased = true;
          return decodeBody(body, listener);
        }
        case StreamOpened opened -> {
          StreamResult result = readStream(opened.status(), listener);
          responseReleased = result.released();
          return result.outcome();
        }
        default -> throw new IllegalStateException("unexpected first signal " + first);
      }
    } finally {
      if (!responseReleased) {
        call.cancel();
      }
    }
  }

  private AttemptOutcome httpError(HttpError error) {
    int status = error.status();
    return new AttemptOutcome.Failed(
        status,
        isRetryable(status),
        "HTTP " + status + ": " + ServerErrorMessage.of(error.body(), scrubber),
        RetryAfter.parse(error.headers(), clock),
        null);
  }

  /** 408, 409 (lock contention), 429 and 5xx are worth another attempt; other errors are not. */
  static boolean isRetryable(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  private AttemptOutcome decodeBody(Body body, ModelListener listener) {
    ModelResponse response;
    try {
      response = ChatResponseDecoder.decode(body.text(), scrubber);
    } catch (UnreadableResponseException e) {
      return new AttemptOutcome.Failed(body.status(), false, e.getMessage(), null, null);
    }
    if (stream && !response.text().isEmpty()) {
      // The server ignored "stream": the listener still hears the text, in one piece.
      listener.onTextDelta(response.text());
    }
    return new AttemptOutcome.Answered(response);
  }

  private StreamResult readStream(int status, ModelListener listener)
      throws InterruptedException {
    StreamAssembler assembler = new StreamAssembler(listener, scrubber);
    while (true) {
      Signal signal = signals.take();
      switch (signal) {
        case StreamEvent event when DONE.equals(event.data().strip()) -> {
          AttemptOutcome outcome;
          try {
            outcome = new AttemptOutcome.Answered(assembler.finish());
          } catch (UnreadableResponseException e) {
            outcome = new AttemptOutcome.Failed(status, false, e.getMessage(), null, null);
          }
          Signal end = signals.poll(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
          return new StreamResult(outcome, end instanceof StreamClosed);
        }
        case StreamEvent event when "error".equals(event.type()) -> {
          return new StreamResult(new AttemptOutcome.Failed(status, false,
              "stream reported an error: " + ServerErrorMessage.of(event.data(), scrubber),
              null, null), false);
        }
        case StreamEvent event -> {
          if (event.data().isBlank()) {
            continue;
          }
          try {
            assembler.accept(event.data());
          } catch (UnreadableResponseException e) {
            return new StreamResult(
                new AttemptOutcome.Failed(status, false, e.getMessage(), null, null), false);
          }
        }
        case StreamClosed closed -> {
          return new StreamResult(
              broken(status, assembler, "the stream ended without [DONE]", null), true);
        }
        case TransportFailed failed -> {
          return new StreamResult(broken(status, assembler,
              "the stream broke: " + describe(failed.error()), failed.error()), false);
        }
        default -> throw new IllegalStateException("unexpected signal in a stream " + signal);
      }
    }
  }

  /**
   * A stream that stopped early. Retrying is safe only while the listener has seen nothing:
   * otherwise it would hear the start of the answer twice.
   */
  private AttemptOutcome broken(
      int status, StreamAssembler assembler, String reason, Throwable cause) {
    boolean retryable = !assembler.delivered();
    String detail = retryable
        ? reason
        : reason + " after text reached the listener (not retried, it would hear the text twice)";
    return new AttemptOutcome.Failed(
        status, retryable, detail, null, ScrubbedException.safe(cause, scrubber));
  }

  private String describe(Throwable error) {
    if (error instanceof InterruptedIOException && "timeout".equals(error.getMessage())) {
      return "no complete answer within the attempt timeout of " + timeout;
    }
    String message = error.getMessage();
    return "connection failed (" + error.getClass().getSimpleName()
        + (message == null ? "" : ": " + scrubber.scrub(message)) + ")";
  }

  /** Runs on OkHttp's dispatcher thread; only reads and relays, never decides. */
  private final class Relay extends EventSourceListener implements Callback {
    @Override
    public void onFailure(Call call, IOException e) {
      signals.add(new TransportFailed(e));
    }

    @Override
    public void onResponse(Call call, Response response) {
      // Nothing may escape: OkHttp would log it, and the caller would wait for a signal forever.
      try (response) {
        if (!response.isSuccessful()) {
          String body = response.peekBody(ERROR_BODY_LIMIT).string();
          signals.add(new HttpError(response.code(), response.headers(), body));
          return;
        }
        ResponseBody body = response.body();
        if (isEventStream(body)) {
          signals.add(new StreamOpened(response.code()));
          // Re-labelled so that servers which stream under a wrong content type still parse.
          Response events = response.newBuilder()
              .body(ResponseBody.create(body.source(), EVENT_STREAM, -1))
              .build();
          EventSources.processResponse(events, this);
        } else {
          signals.add(new Body(response.code(), body.string()));
        }
      } catch (IOException | RuntimeException e) {
        signals.add(new TransportFailed(e));
      }
    }

    /**
     * Whether the body is a stream of server-sent events: by its content type, or, when a stream
     * was asked for, by not starting like JSON.
     */
    private boolean isEventStream(ResponseBody body) throws IOException {
      MediaType type = body.contentType();
      if (type != null && type.type().equals("text") && type.subtype().equals("event-stream")) {
        return true;
      }
      if (!stream) {
        return false;
      }
      BufferedSource peek = body.source().peek();
      while (!peek.exhausted()) {
        byte next = peek.readByte();
        if (next != ' ' && next != '\t' && next != '\r' && next != '\n') {
          return next != '{';
        }
      }
      return false;
    }

    @Override
    public void onEvent(EventSource source, String id, String type, String data) {
      signals.add(new StreamEvent(type, data));
    }

    @Override
    public void onClosed(EventSource source) {
      signals.add(new StreamClosed());
    }

    @Override
    public void onFailure(EventSource source, Throwable error, Response response) {
      signals.add(new TransportFailed(error != null ? error : new IOException("stream failed")));
    }
  }

  private record StreamResult(AttemptOutcome outcome, boolean released) {}

  /** What the dispatcher relays to the calling thread. */
  private sealed interface Signal {}

  private record TransportFailed(Throwable error) implements Signal {}

  private record HttpError(int status, Headers headers, String body) implements Signal {}

  private record Body(int status, String text) implements Signal {}

  private record StreamOpened(int status) implements Signal {}

  private record StreamEvent(String type, String data) implements Signal {}

  private record StreamClosed() implements Signal {}
}
