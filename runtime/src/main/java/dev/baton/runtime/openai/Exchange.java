package dev.baton.runtime.openai;

import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
import okio.Okio;

/**
 * One HTTP attempt of a model call.
 *
 * <p>All network I/O happens on OkHttp's dispatcher (the call is enqueued), and everything it
 * reads is relayed to the calling thread through a bounded {@link SignalChannel}: a server faster
 * than the caller is slowed by TCP, not buffered in the heap. The calling thread only waits on
 * that channel, with the attempt's deadline checked before every signal, so an interrupt or the
 * deadline wakes it at once whatever the socket is doing or how many signals wait; it then closes
 * the channel and cancels the call, which makes the dispatcher's blocked read fail and end.
 * Anything thrown on the dispatcher, an {@link Error} included, is relayed as a failure (and
 * rethrown there, so the thread still reports it). Text deltas reach the listener on the calling
 * thread, as {@link ModelListener} promises. Used once, by one calling thread.
 *
 * <p>A stream is complete at {@code [DONE]}, or when it closes after a chunk that carried a {@code
 * finish_reason} (several servers never send {@code [DONE]}); one that closes or breaks before any
 * {@code finish_reason} is truncated, and retried only while no text reached the listener.
 */
final class Exchange {
  private static final MediaType EVENT_STREAM = MediaType.get("text/event-stream");

  /** How much of an error body is kept: enough for any error JSON, bounded against floods. */
  private static final long ERROR_BODY_LIMIT = 64 * 1024;

  /** How much of an unexpected body is quoted when saying what arrived. */
  private static final long EXCERPT_BYTES = 200;

  /**
   * How long to wait for the stream to end after {@code [DONE]}. Waiting lets the connection go
   * back to the pool; the bound keeps a server that never closes from holding a thread.
   */
  private static final long CLOSE_GRACE_NANOS = 1_000_000_000L;

  private static final String DONE = "[DONE]";

  /** Settings of an attempt that stay the same across attempts of a call. */
  record Limits(
      Duration timeout, SecretScrubber scrubber, Clock clock, WireJson json, int maxAnswerChars,
      long maxBodyBytes, CallIds ids) {}

  private final Call call;
  private final boolean stream;
  private final Limits limits;
  private final SecretScrubber scrubber;
  private final SignalChannel<Signal> signals = new SignalChannel<>();
  private final long deadline;

  /**
   * Prepares the attempt.
   *
   * @param call the call, not yet executed, its timeout set
   * @param stream whether the request asked for a stream
   * @param limits the timeout (for this attempt), scrubber, limits and reader
   */
  Exchange(Call call, boolean stream, Limits limits) {
    this.call = call;
    this.stream = stream;
    this.limits = limits;
    this.scrubber = limits.scrubber();
    this.deadline = System.nanoTime() + limits.timeout().toNanos();
  }

  /**
   * Makes the attempt and waits for its outcome, at most until the attempt's deadline.
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
      Signal first = signals.take(deadline);
      switch (first) {
        case null -> {
          return timedOut(false);
        }
        case TransportFailed failed -> {
          return transportFailure(failed.error(), 0, true);
        }
        case HttpError error -> {
          responseReleased = true;
          return httpError(error);
        }
        case Body body -> {
          responseReleased = true;
          return decodeBody(body, listener);
        }
        case Rejected rejected -> {
          return new AttemptOutcome.Failed(
              rejected.status(), false, rejected.reason(), null, null, rejected.tooLarge());
        }
        case StreamOpened opened -> {
          StreamResult result = readStream(opened.status(), listener);
          responseReleased = result.released();
          return result.outcome();
        }
        default -> throw new IllegalStateException("unexpected first signal " + first);
      }
    } finally {
      signals.close();
      if (!responseReleased) {
        call.cancel();
      }
    }
  }

  private AttemptOutcome timedOut(boolean delivered) {
    String reason = "no complete answer within the attempt timeout of " + limits.timeout();
    return new AttemptOutcome.Failed(0, !delivered, delivered
        ? reason + " after text reached the listener (not retried, it would hear the text twice)"
        : reason, null, null);
  }

  private AttemptOutcome transportFailure(Throwable error, int status, boolean retryable) {
    boolean tooLarge = error instanceof EventSizeGuard.TooLargeException;
    boolean jvmError = error instanceof Error;
    return new AttemptOutcome.Failed(status, retryable && !jvmError,
        describe(error), null, ScrubbedException.safe(error, scrubber), tooLarge);
  }

  private AttemptOutcome httpError(HttpError error) {
    int status = error.status();
    return new AttemptOutcome.Failed(
        status,
        isRetryable(status),
        "HTTP " + status + ": " + ServerErrorMessage.of(error.body(), scrubber),
        RetryAfter.parse(error.headers(), limits.clock()),
        null);
  }

  /** 408, 409 (lock contention), 429 and 5xx are worth another attempt; other errors are not. */
  static boolean isRetryable(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  private AttemptOutcome decodeBody(Body body, ModelListener listener) {
    ModelResponse response;
    try {
      response = ChatResponseDecoder.decode(body.text(), limits.json(), scrubber, limits.ids());
    } catch (UnreadableResponseException e) {
      return failed(body.status(), e, true);
    }
    if (response.answerChars() > limits.maxAnswerChars()) {
      // Each value fit, but together they exceed what one answer may hold: the same bound as a
      // stream's, counted the same way.
      return new AttemptOutcome.Failed(body.status(), false, "the answer is longer than the limit"
          + " of " + limits.maxAnswerChars() + " characters (OpenAiModel.Builder.maxAnswerChars)",
          null, null, true);
    }
    if (stream && !response.text().isEmpty()) {
      // The server ignored "stream": the listener still hears the text, in one piece.
      listener.onTextDelta(response.text());
    }
    return new AttemptOutcome.Answered(response);
  }

  private static AttemptOutcome.Failed failed(
      int httpStatus, UnreadableResponseException e, boolean mayRetry) {
    return new AttemptOutcome.Failed(e.status() != 0 ? e.status() : httpStatus,
        mayRetry && e.transientError(), e.getMessage(), null, null, e.tooLarge());
  }

  private StreamResult readStream(int status, ModelListener listener)
      throws InterruptedException {
    StreamAssembler assembler =
        new StreamAssembler(listener, scrubber, limits.json(), limits.maxAnswerChars());
    while (true) {
      Signal signal = signals.take(deadline);
      switch (signal) {
        case null -> {
          return new StreamResult(timedOut(assembler.delivered()), false);
        }
        case StreamEvent event when DONE.equals(event.data().strip()) -> {
          AttemptOutcome outcome = complete(status, assembler);
          long grace = Math.min(deadline, System.nanoTime() + CLOSE_GRACE_NANOS);
          return new StreamResult(outcome, signals.take(grace) instanceof StreamClosed);
        }
        case StreamEvent event when "error".equals(event.type()) -> {
          return new StreamResult(failed(status, streamError(event.data()),
              !assembler.delivered()), false);
        }
        case StreamEvent event -> {
          if (event.data().isBlank()) {
            continue;
          }
          try {
            assembler.accept(event.data());
          } catch (UnreadableResponseException e) {
            return new StreamResult(failed(status, e, !assembler.delivered()), false);
          }
        }
        case StreamClosed closed -> {
          if (assembler.finished()) {
            return new StreamResult(complete(status, assembler), true);
          }
          return new StreamResult(broken(status, assembler,
              "the stream ended before the answer was complete (no finish_reason, no [DONE])",
              null), true);
        }
        case TransportFailed failed -> {
          if (assembler.finished() && !(failed.error() instanceof Error)) {
            // Everything but the closing bytes arrived; what is missing carried no answer.
            return new StreamResult(complete(status, assembler), false);
          }
          if (failed.error() instanceof Error || failed.error()
              instanceof EventSizeGuard.TooLargeException) {
            return new StreamResult(transportFailure(failed.error(), status, false), false);
          }
          return new StreamResult(broken(status, assembler,
              "the stream broke: " + describe(failed.error()), failed.error()), false);
        }
        default -> throw new IllegalStateException("unexpected signal in a stream " + signal);
      }
    }
  }

  private AttemptOutcome complete(int status, StreamAssembler assembler) {
    try {
      return new AttemptOutcome.Answered(assembler.finish(limits.ids()));
    } catch (UnreadableResponseException e) {
      return failed(status, e, false);
    }
  }

  /** An {@code event: error} payload: an error object, a message, or plain text. */
  private UnreadableResponseException streamError(String data) {
    try {
      var node = limits.json().readObject(data, "stream error", scrubber);
      return ErrorObject.of(node.has("error") ? node.get("error") : node, "stream", scrubber);
    } catch (UnreadableResponseException e) {
      return new UnreadableResponseException(
          "stream reported an error: " + ServerErrorMessage.of(data, scrubber));
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
      return "no complete answer within the attempt timeout of " + limits.timeout();
    }
    if (error instanceof EventSizeGuard.TooLargeException) {
      return error.getMessage();
    }
    String message = error.getMessage();
    if (error instanceof Error) {
      return "the HTTP client's thread failed (" + error.getClass().getName()
          + (message == null ? "" : ": " + scrubber.scrub(message)) + ")";
    }
    return "connection failed (" + error.getClass().getSimpleName()
        + (message == null ? "" : ": " + scrubber.scrub(message)) + ")";
  }

  /** Runs on OkHttp's dispatcher thread; only reads and relays, never decides. */
  private final class Relay extends EventSourceListener implements Callback {
    @Override
    public void onFailure(Call call, IOException e) {
      signals.putLast(new TransportFailed(e));
    }

    @Override
    public void onResponse(Call call, Response response) {
      // Nothing may escape unrelayed: the caller would wait for a signal until its deadline.
      try (response) {
        if (!response.isSuccessful()) {
          String body = response.peekBody(ERROR_BODY_LIMIT).string();
          signals.putLast(new HttpError(response.code(), response.headers(), body));
          return;
        }
        ResponseBody body = response.body();
        switch (kind(body)) {
          case STREAM -> {
            if (!signals.put(new StreamOpened(response.code()))) {
              return;
            }
            // Re-labelled so that servers which stream under a wrong content type still parse.
            BufferedSource guarded =
                Okio.buffer(new EventSizeGuard(body.source(), limits.maxBodyBytes()));
            Response events = response.newBuilder()
                .body(ResponseBody.create(guarded, EVENT_STREAM, -1))
                .build();
            EventSources.processResponse(events, this);
          }
          case JSON -> {
            BufferedSource source = body.source();
            if (source.request(limits.maxBodyBytes() + 1)) {
              signals.putLast(new Rejected(response.code(), "the response body is larger than the"
                  + " limit of " + limits.maxBodyBytes()
                  + " bytes that OpenAiModel.Builder.maxAnswerChars allows", true));
              return;
            }
            signals.putLast(new Body(response.code(), source.readUtf8()));
          }
          case OTHER -> signals.putLast(new Rejected(response.code(), unexpected(body), false));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable e) {
        signals.putLast(new TransportFailed(e));
        if (e instanceof Error error) {
          throw error;
        }
      }
    }

    /**
     * What the body is: a stream by its content type; otherwise by how it starts (JSON with {@code
     * {}, server-sent events with a field name or a comment), since some servers mislabel
     * streams; a body that starts like neither is JSON only if labelled so (to be reported as
     * unreadable JSON), else of another kind.
     */
    private BodyKind kind(ResponseBody body) throws IOException {
      MediaType type = body.contentType();
      if (type != null && type.type().equals("text") && type.subtype().equals("event-stream")) {
        return BodyKind.STREAM;
      }
      boolean labelledJson =
          type != null && (type.subtype().equals("json") || type.subtype().endsWith("+json"));
      BufferedSource peek = body.source().peek();
      while (!peek.exhausted()) {
        byte next = peek.readByte();
        if (next == ' ' || next == '\t' || next == '\r' || next == '\n') {
          continue;
        }
        if (next == '{') {
          return BodyKind.JSON;
        }
        if (stream && (next == ':' || startsField(next, peek))) {
          return BodyKind.STREAM;
        }
        return labelledJson ? BodyKind.JSON : BodyKind.OTHER;
      }
      // Empty: reported as an empty response body.
      return BodyKind.JSON;
    }

    private static boolean startsField(byte first, BufferedSource rest) throws IOException {
      for (String field : new String[] {"data:", "event:", "id:", "retry:"}) {
        if (first == field.charAt(0)) {
          BufferedSource peek = rest.peek();
          String tail = field.substring(1);
          if (peek.request(tail.length())
              && peek.readString(tail.length(), StandardCharsets.UTF_8).equals(tail)) {
            return true;
          }
        }
      }
      return false;
    }

    private String unexpected(ResponseBody body) throws IOException {
      MediaType type = body.contentType();
      BufferedSource peek = body.source().peek();
      peek.request(EXCERPT_BYTES);
      long size = Math.min(EXCERPT_BYTES, peek.getBuffer().size());
      String excerpt = peek.readString(size, StandardCharsets.UTF_8);
      return "the server answered " + (type == null ? "without a content type" : type.toString())
          + ", not " + (stream ? "a text/event-stream or " : "") + "a JSON chat completion: "
          + WireJson.quote(excerpt, scrubber);
    }

    @Override
    public void onEvent(EventSource source, String id, String type, String data) {
      try {
        if (!signals.put(new StreamEvent(type, data))) {
          // The attempt is over: stop reading.
          source.cancel();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        source.cancel();
      }
    }

    @Override
    public void onClosed(EventSource source) {
      signals.putLast(new StreamClosed());
    }

    @Override
    public void onFailure(EventSource source, Throwable error, Response response) {
      signals.putLast(new TransportFailed(error != null ? error : new IOException("stream failed")));
      if (error instanceof Error e) {
        throw e;
      }
    }
  }

  private enum BodyKind { STREAM, JSON, OTHER }

  private record StreamResult(AttemptOutcome outcome, boolean released) {}

  /** What the dispatcher relays to the calling thread. */
  private sealed interface Signal {}

  private record TransportFailed(Throwable error) implements Signal {}

  private record HttpError(int status, Headers headers, String body) implements Signal {}

  private record Body(int status, String text) implements Signal {}

  private record Rejected(int status, String reason, boolean tooLarge) implements Signal {}

  private record StreamOpened(int status) implements Signal {}

  private record StreamEvent(String type, String data) implements Signal {}

  private record StreamClosed() implements Signal {}
}
