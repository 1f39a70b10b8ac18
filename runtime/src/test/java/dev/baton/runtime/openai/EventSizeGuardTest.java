package dev.baton.runtime.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

/** The per-event bound counts from the last empty line, whatever line endings the server uses. */
class EventSizeGuardTest {
  private static String read(String stream, long limit) throws IOException {
    BufferedSource source = Okio.buffer(new EventSizeGuard(new Buffer().writeUtf8(stream), limit));
    return source.readUtf8();
  }

  private static String events(String lineEnd, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append("data: 0123456789").append(lineEnd).append(lineEnd);
    }
    return out.toString();
  }

  @Test
  void manySmallEventsPassWhateverTheLineEndings() throws IOException {
    for (String end : new String[] {"\n", "\r\n", "\r"}) {
      String stream = events(end, 1_000);
      assertEquals(stream, read(stream, 64));
    }
  }

  @Test
  void oneEventOfManyLinesLargerThanTheLimitFails() {
    String oneEvent = "data: 0123456789\n".repeat(100) + "\n";

    assertThrows(EventSizeGuard.TooLargeException.class, () -> read(oneEvent, 1_000));
  }

  @Test
  void oneLongLineFails() {
    assertThrows(EventSizeGuard.TooLargeException.class,
        () -> read("data: " + "x".repeat(5_000) + "\r\n\r\n", 1_000));
  }
}
