package dev.baton.runtime.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The relay between OkHttp's thread and the caller is bounded and never outlives the attempt. */
class SignalChannelTest {
  private static void awaitWaiting(Thread thread) {
    while (thread.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
  }

  @Test
  void aFullChannelBlocksTheReaderUntilTheCallerTakes() throws Exception {
    SignalChannel<Integer> channel = new SignalChannel<>();
    AtomicInteger put = new AtomicInteger();
    Thread reader = Thread.ofPlatform().start(() -> {
      try {
        for (int i = 0; i < SignalChannel.CAPACITY + 1; i++) {
          channel.put(i);
          put.incrementAndGet();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    awaitWaiting(reader);
    assertEquals(SignalChannel.CAPACITY, put.get(), "the reader waits at capacity");
    assertEquals(0, channel.take(System.nanoTime() + 60_000_000_000L));
    reader.join();
    assertEquals(SignalChannel.CAPACITY + 1, put.get());
  }

  @Test
  void closingWakesABlockedReaderWhichGivesUp() throws Exception {
    SignalChannel<Integer> channel = new SignalChannel<>();
    AtomicBoolean accepted = new AtomicBoolean(true);
    Thread reader = Thread.ofPlatform().start(() -> {
      try {
        for (int i = 0; i <= SignalChannel.CAPACITY; i++) {
          accepted.set(channel.put(i));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    awaitWaiting(reader);
    channel.close();
    reader.join();

    assertFalse(accepted.get());
  }

  @Test
  void aPassedDeadlineWinsOverWaitingItems() throws Exception {
    SignalChannel<Integer> channel = new SignalChannel<>();
    channel.put(1);

    assertNull(channel.take(System.nanoTime() - 1));
    assertEquals(1, channel.take(System.nanoTime() + 60_000_000_000L));
  }
}
