package dev.baton.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.baton.processor.Compilations.compile;
import static dev.baton.processor.Compilations.support;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** How the processor behaves in a compilation: rounds, resources, warnings. */
class ProcessingTest {
  /** Generates {@code com.acme.Verdict} in its first round, as another processor would. */
  static final class VerdictProcessor extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("com.acme.Verdict").openWriter()) {
          w.write("package com.acme; public record Verdict(String winner, int score) {}");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void systemReferencingATypeGeneratedLaterIsDeferredNotReported() {
    Compilation c = javac()
        .withProcessors(new BatonProcessor(), new VerdictProcessor())
        .withOptions("-Xlint:all,-processing")
        .compile(support("""
            @Agent(instructions = "Judge.") Verdict judge(String transcript);
            """));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.acme.SupportRunner").contentsAsUtf8String()
        .contains(".output(Verdict.class)");
  }

  @Test
  void deprecatedAgentsCompileWithoutWarnings() {
    Compilation c = compile(support("""
        /** @deprecated use billing2 */
        @Deprecated
        @Agent(instructions = "Bill.") String billing(String problem);
        """));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void aTypeThatNeverAppearsIsLeftToJavac() {
    Compilation c = compile(support("""
        @Agent(instructions = "Judge.") Missing judge(String transcript);
        """));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("cannot find symbol");
  }

  @Test
  void writesTheGraphAsMermaid() {
    Compilation c = compile(support("""
        @Agent(instructions = "Desk.")
        @Handoff(to = "billing", back = true)
        String frontDesk(String message);

        @Agent(instructions = "Bill.", description = "Bills.") String billing(String problem);
        """));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "", "META-INF/baton/com.acme.Support.mmd")
        .contentsAsUtf8String().contains("frontDesk <-->|handoff, back| billing");
  }

  @Test
  void handoffTargetWithoutDescriptionIsAWarning() {
    Compilation c = compile(support("""
        @Agent(instructions = "Desk.")
        @Handoff(to = "billing", back = true)
        String frontDesk(String message);

        @Agent(instructions = "Bill.") String billing(String problem);
        """));
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[Baton/MissingDescription]")
        .inFile(c.sourceFiles().get(0)).onLineContaining("@Handoff(to = \"billing\", back = true)");
  }

  @Test
  void warningsAreSuppressedByCode() {
    Compilation c = compile(support("""
        @Agent(instructions = "Desk.")
        @Handoff(to = "billing", back = true)
        @SuppressWarnings("baton:MissingDescription")
        String frontDesk(String message);

        @Agent(instructions = "Bill.") String billing(String problem);
        """));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void nestedSystemGetsAnUnderscoredRunner() {
    Compilation c = compile(Compilations.source("com.acme.Outer", """
        package com.acme;
        import dev.baton.Agent;
        public class Outer {
          public interface Desk {
            @Agent(instructions = "Answer.") String answer(String question);
          }
        }
        """));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.acme.Outer_DeskRunner").contentsAsUtf8String()
        .contains("public final class Outer_DeskRunner implements Outer.Desk, AgentRunner<Outer.Desk>");
  }
}
