package dev.baton.processor;

import static dev.baton.processor.Compilations.assertOneError;
import static dev.baton.processor.Compilations.compile;
import static dev.baton.processor.Compilations.source;
import static dev.baton.processor.Compilations.support;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Element rules: the enclosing type, agent method shapes, types, and stray annotations. */
class ElementRulesTest {
  @Nested
  class EnclosingType {
    @Test
    void concreteClass() {
      Compilation c = compile(source("com.acme.Support", """
          package com.acme;
          import dev.baton.Agent;
          public class Support {
            @Agent(instructions = "Bill.") public String billing(String problem) { return problem; }
          }
          """));
      assertOneError(c, "EnclosingType", "public class Support {");
    }

    @Test
    void enumType() {
      Compilation c = compile(source("com.acme.Support", """
          package com.acme;
          import dev.baton.Agent;
          public enum Support {
            INSTANCE;
            @Agent(instructions = "Bill.") public String billing(String problem) { return problem; }
          }
          """));
      assertOneError(c, "EnclosingType", "public enum Support {");
    }

    @Test
    void privateNestedInterface() {
      Compilation c = compile(source("com.acme.Outer", """
          package com.acme;
          import dev.baton.Agent;
          public class Outer {
            private interface Support {
              @Agent(instructions = "Bill.") String billing(String problem);
            }
          }
          """));
      assertOneError(c, "EnclosingType", "com/acme/Outer.java", "private interface Support {");
    }

    @Test
    void innerAbstractClass() {
      Compilation c = compile(source("com.acme.Outer", """
          package com.acme;
          import dev.baton.Agent;
          public class Outer {
            public abstract class Support {
              @Agent(instructions = "Bill.") public abstract String billing(String problem);
            }
          }
          """));
      assertOneError(c, "EnclosingType", "com/acme/Outer.java", "public abstract class Support {");
    }

    @Test
    void genericInterface() {
      Compilation c = compile(source("com.acme.Support", """
          package com.acme;
          import dev.baton.Agent;
          public interface Support<T> {
            @Agent(instructions = "Bill.") String billing(String problem);
          }
          """));
      assertOneError(c, "EnclosingType", "public interface Support<T> {");
    }

    @Test
    void sealedInterface() {
      Compilation c = compile(source("com.acme.Support", """
          package com.acme;
          import dev.baton.Agent;
          public sealed interface Support permits Support.Only {
            @Agent(instructions = "Bill.") String billing(String problem);
            final class Only implements Support {
              public String billing(String problem) { return problem; }
            }
          }
          """));
      assertOneError(c, "EnclosingType", "public sealed interface Support permits Support.Only {");
    }

    @Test
    void abstractClassWithoutNoArgumentConstructor() {
      Compilation c = compile(source("com.acme.Support", """
          package com.acme;
          import dev.baton.Agent;
          public abstract class Support {
            protected Support(String name) {}
            @Agent(instructions = "Bill.") public abstract String billing(String problem);
          }
          """));
      assertOneError(c, "EnclosingType", "public abstract class Support {");
    }
  }

  @Nested
  class AgentSignature {
    @Test
    void privateCodeAgent() {
      Compilation c = compile(support("""
          @Agent
          private String flow(String problem) { return problem; }
          """));
      assertOneError(c, "AgentSignature", "@Agent");
    }

    @Test
    void staticAgent() {
      Compilation c = compile(support("""
          @Agent(instructions = "static")
          static String flow(String problem) { return problem; }
          """));
      assertOneError(c, "AgentSignature", "@Agent(instructions = \"static\")");
    }

    @Test
    void genericAgent() {
      Compilation c = compile(support("""
          @Agent(instructions = "Generic.")
          <T> String classify(String text);
          """));
      assertOneError(c, "AgentSignature", "<T> String classify(String text);");
    }

    @Test
    void abstractMethodWithoutAgent() {
      Compilation c = compile(support("""
          @Agent(instructions = "Bill.") String billing(String problem);
          String helper(String problem);
          """));
      assertOneError(c, "AgentSignature", "String helper(String problem);");
    }

    @Test
    void methodClashingWithTheRunner() {
      Compilation c = compile(support("""
          @Agent(instructions = "Graph.")
          String graph();
          """));
      assertOneError(c, "AgentSignature", "String graph();");
    }

    @Test
    void methodClashingWithTheRunnersOrchestrator() {
      Compilation c = compile(support("""
          @Agent(instructions = "Orchestrate.")
          String orchestrator();
          """));
      assertOneError(c, "AgentSignature", "String orchestrator();");
    }

    @Test
    void invalidAgentName() {
      Compilation c = compile(support("""
          @Agent(instructions = "Bill.",
              name = "billing desk")
          String billing(String problem);
          """));
      assertOneError(c, "AgentSignature", "name = \"billing desk\")");
    }

    @Test
    void parallelOnACodeAgent() {
      Compilation c = compile(support("""
          @Agent
          @Parallel(agents = "billing")
          default String flow(String problem) { return billing(problem); }

          @Agent(instructions = "Bill.") String billing(String problem);
          """));
      assertOneError(c, "AgentSignature", "@Parallel(agents = \"billing\")");
    }

    @Test
    void toolsOnACodeAgent() {
      Compilation c = compile(support("""
          @Agent(tools = Support.class)
          default String flow(String problem) { return problem; }
          """));
      CompilationSubject.assertThat(c).hadErrorContaining("[Baton/AgentSignature] tools of code agent");
    }
  }

  @Nested
  class ParallelResult {
    @Test
    void abstractParallelWithoutResultsOrInstructions() {
      Compilation c = compile(support("""
          @Agent
          @Parallel(agents = {"security"})
          String review(String diff);

          @Agent(instructions = "Security.") String security(String diff);
          """));
      assertOneError(c, "ParallelResult", "@Parallel(agents = {\"security\"})");
    }

    @Test
    void resultsWithoutElementType() {
      Compilation c = compile(support("""
          @Agent
          @Parallel(agents = {"security"})
          Results<?> review(String diff);

          @Agent(instructions = "Security.") String security(String diff);
          """));
      assertOneError(c, "ParallelResult", "Results<?> review(String diff);");
    }
  }

  @Nested
  class UnsupportedType {
    @Test
    void voidAgent() {
      Compilation c = compile(support("""
          @Agent(instructions = "Log.")
          void log(String line);
          """));
      assertOneError(c, "UnsupportedType", "void log(String line);");
    }

    @Test
    void objectParameterIsReportedOnTheParameter() {
      Compilation c = compile(support("""
          @Agent(instructions = "Handle.")
          String handle(String text,
              Object payload);
          """));
      assertOneError(c, "UnsupportedType", "Object payload);");
    }

    @Test
    void mapWithNonStringKeys() {
      Compilation c = compile(support("""
          @Agent(instructions = "Count.")
          Map<Integer, String> count(String text);
          """));
      assertOneError(c, "UnsupportedType", "Map<Integer, String> count(String text);");
      CompilationSubject.assertThat(c).hadErrorContaining("key type must be String");
    }

    @Test
    void recordWithAnUnsupportedComponent() {
      Compilation c = compile(support("""
          record Finding(String title, Thread owner) {}

          @Agent(instructions = "Find.")
          List<Finding> find(String text);
          """));
      assertOneError(c, "UnsupportedType", "List<Finding> find(String text);");
      CompilationSubject.assertThat(c).hadErrorContaining("component owner of record Finding");
    }

    @Test
    void resultsOutsideAFanOut() {
      Compilation c = compile(support("""
          @Agent(instructions = "Review.")
          Results<String> review(String diff);
          """));
      assertOneError(c, "UnsupportedType", "Results<String> review(String diff);");
    }

    @Test
    void wildcardElement() {
      Compilation c = compile(support("""
          @Agent(instructions = "List.")
          List<? extends CharSequence> list(String text);
          """));
      assertOneError(c, "UnsupportedType", "List<? extends CharSequence> list(String text);");
    }

    @Test
    void supportedTypesCompile() {
      Compilation c = compile(support("""
          enum Severity { LOW, HIGH }
          record Finding(String title, Severity severity, Optional<String> note, int[] lines,
              Map<String, List<Finding>> related, Set<Character> tags, double score) {}

          @Agent(instructions = "Find.")
          List<Finding> find(String text, long limit, Boolean strict, Optional<Severity> floor);
          """));
      CompilationSubject.assertThat(c).succeededWithoutWarnings();
    }
  }

  @Nested
  class NotAnAgent {
    @Test
    void handoffWithoutAgent() {
      Compilation c = compile(support("""
          @Agent(instructions = "Bill.") String billing(String problem);

          @Handoff(to = "billing")
          default String route(String problem) { return problem; }
          """));
      assertOneError(c, "NotAnAgent", "@Handoff(to = \"billing\")");
    }

    @Test
    void parallelWithoutAgentOrResults() {
      Compilation c = compile(support("""
          @Agent(instructions = "Bill.") String billing(String problem);

          @Parallel(agents = "billing")
          String all(String problem);
          """));
      assertOneError(c, "NotAnAgent", "@Parallel(agents = \"billing\")");
    }

    @Test
    void parallelOnADefaultMethodWithoutAgent() {
      Compilation c = compile(support("""
          @Agent(instructions = "Bill.") String billing(String problem);

          @Parallel(agents = "billing")
          default Results<String> all(String problem) { return null; }
          """));
      assertOneError(c, "NotAnAgent", "@Parallel(agents = \"billing\")");
    }
    @Test
    void repeatedDelegatesWithoutAgentOnAPlainClass() {
      Compilation c = compile(source("com.acme.Plain", """
          package com.acme;
          import dev.baton.Delegate;
          public class Plain {
            @Delegate(to = "a")
            @Delegate(to = "b")
            public String work(String task) { return task; }
          }
          """));
      assertOneError(c, "NotAnAgent", "com/acme/Plain.java", "@Delegate(to = \"a\")");
    }
  }

  /** DESIGN section 3: an abstract {@code @Parallel} method returning {@code Results<T>} is a fan-out. */
  @Nested
  class BareFanOut {
    @Test
    void compilesWithoutAgent() {
      Compilation c = compile(support("""
          @Parallel(agents = {"optimist", "pessimist"}, timeout = "20s")
          Results<String> analyse(String question);

          @Agent(instructions = "Look on the bright side.") String optimist(String question);
          @Agent(instructions = "Look on the dark side.") String pessimist(String question);
          """));
      CompilationSubject.assertThat(c).succeededWithoutWarnings();
      String runner = Compilations.generated(c, "com.acme.SupportRunner");
      org.junit.jupiter.api.Assertions.assertTrue(runner.contains(".fanOut(\"analyse\""), runner);
    }

    @Test
    void graphRulesReportOnItsParallel() {
      Compilation c = compile(support("""
          @Parallel(agents = {"optimist", "pessimist"}, timeout = "20s")
          Results<String> analyse(String question);

          @Agent(instructions = "Bright.") String optimist(String question);
          @Agent(instructions = "Dark.") String pessimist(String topic);
          """));
      assertOneError(c, "BranchInput", "@Parallel(agents = {\"optimist\", \"pessimist\"}");
    }

    @Test
    void timeoutIsCheckedOnTheBareFanOut() {
      Compilation c = compile(support("""
          @Parallel(agents = {"optimist"},
              timeout = "soon")
          Results<String> analyse(String question);

          @Agent(instructions = "Bright.") String optimist(String question);
          """));
      assertOneError(c, "Timeout", "timeout = \"soon\"");
    }

    @Test
    void agentBesideItStillNamesIt() {
      Compilation c = compile(support("""
          @Agent(name = "panel", description = "Asks both sides.")
          @Parallel(agents = {"optimist"})
          Results<String> analyse(String question);

          @Agent(instructions = "Bright.") String optimist(String question);
          """));
      CompilationSubject.assertThat(c).succeededWithoutWarnings();
      org.junit.jupiter.api.Assertions.assertTrue(
          Compilations.generated(c, "com.acme.SupportRunner").contains(".fanOut(\"panel\""));
    }
  }
}
