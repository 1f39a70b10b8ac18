import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a 200-agent system (LLM agents, back-handoffs, fan-outs, code agents) for the compile benchmark. */
public class BigSystem {
  public static void main(String[] args) throws Exception {
    int n = 200;
    StringBuilder s = new StringBuilder("""
        package com.acme;

        import dev.baton.*;
        import java.util.*;

        @SuppressWarnings("baton:MissingDescription")
        public interface Big {
          record Item(String name, int score, Optional<String> note) {}

        """);
    for (int i = 0; i < n; i++) {
      if (i % 20 == 0) {
        s.append("  @Agent @Parallel(agents = {\"a%d\", \"a%d\", \"a%d\"}, timeout = \"20s\")\n".formatted(i + 1, i + 2, i + 3));
        s.append("  Results<String> a%d(String text);\n".formatted(i));
      } else if (i % 10 == 5) {
        s.append("  @Agent\n  default String a%d(String text) { return a%d(text) + a%d(text); }\n".formatted(i, i + 1, i + 2));
      } else if (i % 20 == 10 || i % 20 == 13) {
        s.append("  @Agent(instructions = \"Agent %d.\", description = \"Does %d.\")\n".formatted(i, i));
        s.append("  List<Item> a%d(String text, int limit);\n".formatted(i));
      } else {
        s.append("  @Agent(instructions = \"Agent %d.\", description = \"Does %d.\")\n".formatted(i, i));
        if (i + 1 < n && i % 3 == 1 && (i + 1) % 20 != 0) {
          s.append("  @Handoff(to = \"a%d\", back = true)\n".formatted(i + 1));
        }
        s.append("  String a%d(String text);\n".formatted(i));
      }
    }
    s.append("}\n");
    Path out = Path.of(args[0], "com/acme/Big.java");
    Files.createDirectories(out.getParent());
    Files.writeString(out, s);
  }
}
