package dev.baton.runtime.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets split across text deltas never reach the listener, and no text is lost or repeated. */
class DeltaScrubberTest {
  private static final String SHORT = "tok-93f1e7a2";
  private static final String LONG = "sk-live-0123456789abcdefghij";

  private static List<String> stream(SecretScrubber scrubber, String... deltas) {
    List<String> heard = new ArrayList<>();
    DeltaScrubber relay = new DeltaScrubber(heard::add, scrubber);
    for (String d : deltas) {
      relay.onTextDelta(d);
    }
    relay.flush();
    return heard;
  }

  @Test
  void aShortSecretSplitAcrossDeltasIsRemoved() {
    List<String> heard = stream(new SecretScrubber(List.of(SHORT)),
        "the token is t", "ok-93", "f1e7a2", " and more");

    assertEquals("the token is [redacted] and more", String.join("", heard));
    heard.forEach(d -> assertFalse(d.contains("93f1"), d));
  }

  @Test
  void aLongSecretIsRemovedUpToTheNextWhitespaceEvenWhenMasked() {
    List<String> heard = stream(new SecretScrubber(List.of(LONG)),
        "key: sk-l", "ive-0123", "***ghij", " ok");

    assertEquals("key: [redacted] ok", String.join("", heard));
  }

  @Test
  void textWithoutSecretsPassesThroughWhole() {
    List<String> heard = stream(new SecretScrubber(List.of(SHORT, LONG)),
        "Refund ", "issued", " for order 7.");

    assertEquals("Refund issued for order 7.", String.join("", heard));
    assertEquals(List.of("Refund ", "issued", " for order 7."), heard);
  }

  @Test
  void withNoSecretsEveryDeltaPassesAtOnce() {
    assertEquals(List.of("s", "k-"), stream(SecretScrubber.NONE, "s", "k-"));
  }
}
