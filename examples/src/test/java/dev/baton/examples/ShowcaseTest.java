package dev.baton.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShowcaseTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String name) {
    return Showcase.run(name, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsEveryExampleOffline() {
    assertEquals(Showcase.OK, run("all"), err());

    assertEquals("", err());
    for (Example e : Showcase.EXAMPLES) {
      assertTrue(out().contains("=== " + e.name() + ": "), e.name());
    }
    assertTrue(out().contains(Showcase.EXAMPLES.size() + " examples ran in"), out());
    assertFalse(out().contains("\u001B["), "no colour when printing to a stream");
  }

  @Test
  void runsOneByName() {
    assertEquals(Showcase.OK, run("router"), err());

    assertTrue(out().startsWith("=== router: "), out());
    assertFalse(out().contains("=== support"), out());
  }

  @Test
  void unknownNamesListTheValidOnes() {
    assertEquals(Showcase.UNKNOWN, run("suport"));

    assertEquals("No example is called \"suport\". Examples: all, support, inspection, newsroom,"
        + " analysts, supervisor, debate, router, shared-context, fallback, approval, mcp,"
        + " invoice\n", err());
    assertEquals("", out());
  }

  @Test
  void namesAreUniqueAndMatchTheReadme() {
    assertEquals(List.of("support", "inspection", "newsroom", "analysts", "supervisor", "debate",
        "router", "shared-context", "fallback", "approval", "mcp", "invoice"),
        Showcase.EXAMPLES.stream().map(Example::name).toList());
  }
}
