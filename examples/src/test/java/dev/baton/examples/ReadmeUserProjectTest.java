package dev.baton.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's user project is the project the invoker builds and runs ({@code src/it/user-project}):
 * every code block the README marks with {@code <!-- user-project: FILE -->} is that file, character
 * for character, so what a user copies is what the build checked.
 */
class ReadmeUserProjectTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path PROJECT = Path.of("src", "it", "user-project");
  private static final Pattern BLOCK = Pattern.compile(
      "<!-- user-project: (\\S+) -->\\s*\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);

  static Map<String, String> blocks(String readme) {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      files.put(m.group(1), m.group(2));
    }
    return files;
  }

  @Test
  void everyMarkedBlockIsTheFileTheInvokerBuilds() throws IOException {
    Map<String, String> files = blocks(Files.readString(README));
    assertEquals(java.util.Set.of("pom.xml", "src/main/java/com/example/Desk.java",
        "src/main/java/com/example/Main.java"), files.keySet(),
        "README.md marks these user-project files");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = PROJECT.resolve(f.getKey());
      assertTrue(Files.isRegularFile(file), file + " is missing");
      assertEquals(Files.readString(file), f.getValue(), "README.md's " + f.getKey()
          + " differs from " + file + ": the invoker builds the file, users copy the README");
    }
  }

  @Test
  void theTroubleshootingTableNamesTheSymptomTheMissingProcessorProjectShows() throws IOException {
    // src/it/missing-processor fails with exactly this symptom (its verify.groovy checks the log).
    assertTrue(Files.readString(README).contains(
        "| `error: cannot find symbol` with `symbol: variable DeskRunner` or `symbol: class DeskRunner`"));
  }

  @Test
  void blocksAreFoundOnlyUnderTheirMarker() {
    String readme = "text\n<!-- user-project: a.txt -->\n```xml\n<a/>\n```\n```java\nnot marked\n```\n";
    assertEquals(Map.of("a.txt", "<a/>\n"), blocks(readme));
  }
}
