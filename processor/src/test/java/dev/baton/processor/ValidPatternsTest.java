package dev.baton.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.Arrays;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every pattern of DESIGN section 10 compiles, with its runner, without a warning. */
class ValidPatternsTest {
  static JavaFileObject[] pattern(String... names) {
    return Arrays.stream(names)
        .map(n -> JavaFileObjects.forResource("patterns/com/acme/" + n + ".java"))
        .toArray(JavaFileObject[]::new);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Support,BillingTools", "Inspection", "Newsroom", "Analysts",
      "Supervisor", "Debate", "Router", "Research", "Fallback", "Approval"})
  void compilesWithoutWarnings(String names) {
    String[] files = names.split(",");
    Compilation c = Compilations.compile(pattern(files));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.acme." + files[0] + "Runner");
  }
}
