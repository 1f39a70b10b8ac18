package dev.baton.runtime.openai;

import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/**
 * Fails a stream whose single event grows past a limit. The server-sent-event reader holds a whole
 * event in memory before handing it on, so without this bound one endless {@code data:} line
 * would fill the heap on OkHttp's thread; with it, the attempt fails with a message naming the
 * limit. Counts bytes since the last empty line (the end of an event). Used by one thread.
 */
final class EventSizeGuard extends ForwardingSource {
  private final long limit;
  private long sinceBoundary;
  private long lineLength;
  private byte previous;

  EventSizeGuard(Source delegate, long limit) {
    super(delegate);
    this.limit = limit;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    Buffer chunk = new Buffer();
    long read = super.read(chunk, byteCount);
    // Lines end with LF, CRLF or CR (as the event-stream format allows); an empty line ends an
    // event.
    for (long i = 0; i < read; i++) {
      byte b = chunk.getByte(i);
      if (b == '\n' && previous == '\r') {
        previous = b;
        continue;
      }
      if (b == '\n' || b == '\r') {
        if (lineLength == 0) {
          sinceBoundary = 0;
        }
        lineLength = 0;
      } else {
        lineLength++;
        if (++sinceBoundary > limit) {
          throw new TooLargeException("a stream event is larger than the limit of " + limit
              + " bytes that OpenAiModel.Builder.maxAnswerChars allows");
        }
      }
      previous = b;
    }
    if (read > 0) {
      sink.write(chunk, read);
    }
    return read;
  }

  /** Raised on OkHttp's thread and relayed as a failure that is not retried. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }
}
