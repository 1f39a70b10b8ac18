package dev.baton.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Journal keys split by hand exactly as the regular expression of the key grammar splits them. */
class StepKeyTest {
  // The grammar of step keys as a regular expression: greedy path, '.' without line breaks.
  private static final Pattern STEP = Pattern.compile(
      "^(.*)#(?:m(\\d+)|t(\\d+)\\.(\\d+):(.*)|a(\\d+)\\.(\\d+)|c(\\d+)|out|outcome)$");

  private static StepKey byPattern(String key) {
    Matcher m = STEP.matcher(key);
    if (!m.matches()) {
      return null;
    }
    try {
      if (m.group(2) != null) {
        return new StepKey(m.group(1), 'm', Integer.parseInt(m.group(2)), 0, "");
      }
      if (m.group(3) != null) {
        return new StepKey(m.group(1), 't', Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)), m.group(5));
      }
      if (m.group(6) != null) {
        return new StepKey(m.group(1), 'a', Integer.parseInt(m.group(6)),
            Integer.parseInt(m.group(7)), "");
      }
      if (m.group(8) != null) {
        return new StepKey(m.group(1), 'c', Integer.parseInt(m.group(8)), 0, "");
      }
    } catch (NumberFormatException e) {
      return null; // a number past int: no key a run writes
    }
    return new StepKey(m.group(1), key.endsWith("#outcome") ? 'O' : 'o', 0, 0, "");
  }

  @Test
  void keysARunWritesAreSplitIntoTheirParts() {
    assertEquals(new StepKey("frontDesk>billing", 'm', 12, 0, ""), StepKey.parse("frontDesk>billing#m12"));
    assertEquals(new StepKey("loop/worker#2", 't', 1, 0, "call#7"),
        StepKey.parse("loop/worker#2#t1.0:call#7"));
    // The longest path that leaves a suffix wins, as with a greedy pattern.
    assertEquals(new StepKey("loop/worker#2#t1.0:x", 'm', 1, 0, ""),
        StepKey.parse("loop/worker#2#t1.0:x#m1"));
    assertEquals(new StepKey("p", 'a', 3, 1, ""), StepKey.parse("p#a3.1"));
    assertEquals(new StepKey("", 'c', 1, 0, ""), StepKey.parse("#c1"));
    assertEquals(new StepKey("inspect/p78", 'O', 0, 0, ""), StepKey.parse("inspect/p78#outcome"));
    assertEquals(new StepKey("a", 'o', 0, 0, ""), StepKey.parse("a#out"));
    for (String no : List.of("", "#", "a#m", "a#m-1", "a#m1x", "a#t1:x", "a#t1.x:y", "a#a1", "a#a1.",
        "a#outs", "a#c99999999999", "a\n#m1", "a#t1.0:x\ny", "@run", "a#m\u0661")) {
      assertNull(StepKey.parse(no), no);
    }
  }

  @Test
  void everyKeyIsSplitAsTheGrammarsRegularExpressionSplitsIt() {
    String alphabet = "#mtacou.:0123456789/x\n\u2028";
    SplittableRandom random = new SplittableRandom(23);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      StringBuilder k = new StringBuilder();
      int length = random.nextInt(16);
      for (int j = 0; j < length; j++) {
        k.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      // Many of them end in a well-formed suffix, so that matches are common too.
      switch (random.nextInt(6)) {
        case 0 -> k.append("#m").append(random.nextInt(30));
        case 1 -> k.append("#t").append(random.nextInt(5)).append('.').append(random.nextInt(3))
            .append(':').append("id#").append(random.nextInt(9));
        case 2 -> k.append("#a").append(random.nextInt(5)).append('.').append(random.nextInt(3));
        case 3 -> k.append(random.nextBoolean() ? "#out" : "#outcome");
        default -> { }
      }
      keys.add(k.toString());
    }
    int matched = 0;
    for (String key : keys) {
      StepKey expected = byPattern(key);
      assertEquals(expected, StepKey.parse(key), key);
      matched += expected == null ? 0 : 1;
    }
    assertEquals(true, matched > 50_000, "matched " + matched);
  }
}
