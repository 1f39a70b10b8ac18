package dev.baton.processor;

import static dev.baton.processor.Compilations.assertOneError;
import static dev.baton.processor.Compilations.compile;
import static dev.baton.processor.Compilations.source;
import static dev.baton.processor.Compilations.support;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Tool classes and {@code @Tool} methods. */
class ToolRulesTest {
  private static final JavaFileObject USES_TOOLS = support("""
      @Agent(instructions = "Bill.", tools = BillingTools.class)
      String billing(String problem);
      """);

  private static JavaFileObject tools(String members) {
    return source("com.acme.BillingTools", """
        package com.acme;

        import dev.baton.*;
        import java.util.*;

        public class BillingTools {
        %s
        }
        """.formatted(members.indent(2).stripTrailing()));
  }

  @Test
  void privateTool() {
    Compilation c = compile(USES_TOOLS, tools("""
        @Tool("Refunds.")
        private String refund(String orderId) { return orderId; }
        """));
    assertOneError(c, "ToolSignature", "com/acme/BillingTools.java", "@Tool(\"Refunds.\")");
  }

  @Test
  void staticTool() {
    Compilation c = compile(USES_TOOLS, tools("""
        @Tool("Refunds.")
        public static String refund(String orderId) { return orderId; }
        """));
    assertOneError(c, "ToolSignature", "com/acme/BillingTools.java", "@Tool(\"Refunds.\")");
  }

  @Test
  void genericTool() {
    Compilation c = compile(USES_TOOLS, tools("""
        @Tool("Refunds.")
        public <T> String refund(String orderId) { return orderId; }
        """));
    assertOneError(c, "ToolSignature", "com/acme/BillingTools.java", "public <T> String refund");
  }

  @Test
  void toolInAPrivateNestedClassIsReportedEvenIfNoAgentUsesIt() {
    Compilation c = compile(source("com.acme.Outer", """
        package com.acme;
        import dev.baton.Tool;
        public class Outer {
          private static class Hidden {
            @Tool("Hides.") public String hide(String text) { return text; }
          }
        }
        """));
    assertOneError(c, "ToolSignature", "com/acme/Outer.java", "private static class Hidden {");
  }

  @Test
  void packagePrivateToolClassAndMethodsBesideTheInterfaceCompile() {
    Compilation c = compile(USES_TOOLS, source("com.acme.BillingTools", """
        package com.acme;
        import dev.baton.Tool;
        class BillingTools {
          @Tool("Refunds.") String refund(String orderId) { return orderId; }
          @Tool("Voids.") protected String voidInvoice(String invoiceId) { return invoiceId; }
        }
        """));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    // The implicit constructor is package-private, and the runner in the same package calls it.
    org.junit.jupiter.api.Assertions.assertTrue(Compilations.generated(c, "com.acme.SupportRunner")
        .contains("new BillingTools()"));
  }

  @Test
  void packagePrivateToolClassInAnotherPackageFailsOnceOnTheToolsValue() {
    Compilation c = compile(support("""
        @Agent(instructions = "Bill.",
            tools = com.acme.billing.BillingTools.class)
        String billing(String problem);
        """), source("com.acme.billing.BillingTools", """
        package com.acme.billing;
        import dev.baton.Tool;
        class BillingTools {
          @Tool("Refunds.") String refund(String orderId) { return orderId; }
        }
        """));
    // javac rejects naming the class from com.acme on that value; Baton adds no second error.
    CompilationSubject.assertThat(c).failed();
    CompilationSubject.assertThat(c).hadErrorCount(1);
    CompilationSubject.assertThat(c).hadErrorContaining("is not public in com.acme.billing")
        .inFile(c.sourceFiles().get(0)).onLineContaining("tools = com.acme.billing.BillingTools.class");
  }

  @Test
  void protectedToolInheritedFromAnotherPackageIsReportedOnTheClass() {
    Compilation c = compile(USES_TOOLS, source("com.acme.base.BaseTools", """
        package com.acme.base;
        import dev.baton.Tool;
        public class BaseTools {
          @Tool("Refunds.") protected String refund(String orderId) { return orderId; }
        }
        """), source("com.acme.BillingTools", """
        package com.acme;
        public class BillingTools extends com.acme.base.BaseTools {
        }
        """));
    assertOneError(c, "ToolSignature", "com/acme/BillingTools.java",
        "public class BillingTools extends");
  }

  @Test
  void toolInAnInnerClass() {
    Compilation c = compile(source("com.acme.Outer", """
        package com.acme;
        import dev.baton.Tool;
        public class Outer {
          public class Inner {
            @Tool("Works.") public String work(String text) { return text; }
          }
        }
        """));
    assertOneError(c, "ToolSignature", "com/acme/Outer.java", "public class Inner {");
  }

  @Test
  void genericContextParameter() {
    Compilation c = compile(USES_TOOLS, tools("""
        @Tool("Records.")
        public String record(String finding,
            @Context List<String> sink) { return finding; }
        """));
    assertOneError(c, "ToolSignature", "com/acme/BillingTools.java", "@Context List<String> sink)");
  }

  @Test
  void invalidToolName() {
    Compilation c = compile(USES_TOOLS, tools("""
        @Tool(value = "Refunds.", name = "refund order")
        public String refund(String orderId) { return orderId; }
        """));
    assertOneError(c, "ToolName", "com/acme/BillingTools.java", "name = \"refund order\"");
  }

  @Test
  void toolMethodNameLongerThan64Characters() {
    String method = "r".repeat(65);
    Compilation c = compile(USES_TOOLS, tools("""
        @Tool("Refunds.")
        public String %s(String orderId) { return orderId; }
        """.formatted(method)));
    assertOneError(c, "ToolName", "com/acme/BillingTools.java", "public String " + method);
    CompilationSubject.assertThat(c).hadErrorContaining("(65 characters)");
  }

  @Test
  void classWithoutTools() {
    Compilation c = compile(USES_TOOLS, tools("""
        public String refund(String orderId) { return orderId; }
        """));
    assertOneError(c, "ToolSignature", "tools = BillingTools.class");
  }

  @Test
  void primitiveToolClass() {
    Compilation c = compile(support("""
        @Agent(instructions = "Bill.", tools = {BillingTools.class,
            int.class})
        String billing(String problem);
        """), tools("""
        @Tool("Refunds.") public String refund(String orderId) { return orderId; }
        """));
    assertOneError(c, "ToolSignature", "int.class})");
  }

  @Test
  void unsupportedToolParameter() {
    Compilation c = compile(USES_TOOLS, tools("""
        @Tool("Refunds.")
        public String refund(String orderId,
            Thread worker) { return orderId; }
        """));
    assertOneError(c, "UnsupportedType", "com/acme/BillingTools.java", "Thread worker)");
  }

  @Test
  void twoToolsWithOneName() {
    Compilation c = compile(USES_TOOLS, tools("""
        @Tool("Refunds.") public String refund(String orderId) { return orderId; }
        @Tool(value = "Refunds all.",
            name = "refund") public String refundAll(List<String> orderIds) { return ""; }
        """));
    assertOneError(c, "DuplicateTool", "com/acme/BillingTools.java", "name = \"refund\")");
  }

  @Test
  void aToolClassSharedBySystemsIsReportedOnce() {
    Compilation c = compile(USES_TOOLS, source("com.acme.Other", """
        package com.acme;
        import dev.baton.Agent;
        public interface Other {
          @Agent(instructions = "Bill.", tools = BillingTools.class) String billing(String problem);
        }
        """), tools("""
        @Tool("Refunds.")
        private String refund(String orderId) { return orderId; }
        """));
    CompilationSubject.assertThat(c).hadErrorCount(1);
  }
}
