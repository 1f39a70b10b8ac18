package dev.baton.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Generated sources compared as text with golden files, one per distinct shape, so that generated
 * code stays readable and changes to it are reviewed. A missing or different golden fails; the
 * actual output is written under {@code target/golden-actual/} to copy from.
 */
class GoldenFilesTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final Path ACTUAL = Path.of("target/golden-actual");

  @ParameterizedTest(name = "{1}")
  @CsvSource({
      "'Support,BillingTools', com.acme.SupportRunner",
      "'Support,BillingTools', com.acme.BillingToolsTools",
      "Inspection, com.acme.InspectionRunner",
      "Newsroom, com.acme.NewsroomRunner",
      "Analysts, com.acme.AnalystsRunner",
      "Fallback, com.acme.FallbackRunner",
      "Approval, com.acme.ApprovalRunner"})
  void matchesGolden(String sources, String generated) throws IOException {
    Compilation c = Compilations.compile(ValidPatternsTest.pattern(sources.split(",")));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    String actual = Compilations.generated(c, generated);
    String file = generated + ".java";
    Path golden = GOLDEN.resolve(file);
    if (!Files.exists(golden)) {
      Path written = write(file, actual);
      fail("no golden file for " + generated + "; it belongs at processor/" + golden
          + " (the actual output is in " + written.toAbsolutePath() + ")");
    }
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      write(file, actual);
    }
    assertEquals(expected, actual, "generated " + generated + " differs from processor/" + golden);
  }

  private static Path write(String file, String content) throws IOException {
    Files.createDirectories(ACTUAL);
    return Files.writeString(ACTUAL.resolve(file), content, StandardCharsets.UTF_8);
  }
}
