package dev.baton.runtime.internal;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** New run ids. */
public final class RunIds {
  private RunIds() {}

  /**
   * A new run id: {@code run-} and 32 hex digits, time-ordered like a UUIDv7 (RFC 9562): 48 bits of
   * Unix milliseconds, then 80 random bits. Ids sort by creation time; two ids collide only if two
   * runs start in the same millisecond and draw the same 80 bits. Not secret (ids appear in events
   * and file names), so a fast random source is enough.
   *
   * @return the id
   */
  public static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long high = (System.currentTimeMillis() << 16) | (r.nextLong() & 0xFFFFL);
    return "run-" + HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(r.nextLong());
  }
}
