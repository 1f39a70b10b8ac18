package dev.baton.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** DESIGN section 3's interfaces, written literally as a new user would, compile cleanly. */
class DesignInterfacesTest {
  @Test
  void supportDeskWithAPackagePrivateToolClassBesideIt() {
    Compilation c = Compilations.compile(Compilations.source("com.acme.Support", """
        package com.acme;

        import dev.baton.Agent;
        import dev.baton.Handoff;

        public interface Support {
          @Agent(instructions = \"""
              You are the front desk. Hand billing problems to billing and technical
              problems to technical. When a specialist reports back, answer the customer.\""")
          @Handoff(to = "billing", back = true)
          @Handoff(to = "technical", back = true)
          String frontDesk(String message);

          @Agent(description = "Resolves invoices, refunds and payments.",
                 instructions = "You resolve billing problems.", tools = BillingTools.class)
          String billing(String problem);

          @Agent(description = "Diagnoses technical problems.", instructions = "...")
          String technical(String problem);
        }
        """), Compilations.source("com.acme.BillingTools", """
        package com.acme;

        import dev.baton.Tool;

        class BillingTools {
          @Tool("Refunds an order.")
          String refund(String orderId) {
            return "refunded " + orderId;
          }
        }
        """));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.acme.SupportRunner");
    assertThat(c).generatedSourceFile("com.acme.BillingToolsTools");
  }

  @Test
  void bareFanOut() {
    Compilation c = Compilations.compile(Compilations.support("""
        @Parallel(agents = {"optimist", "pessimist"}, timeout = "20s")
        Results<String> analyse(String question);

        @Agent(instructions = "Argue for it.") String optimist(String question);
        @Agent(instructions = "Argue against it.") String pessimist(String question);
        """));
    assertThat(c).succeededWithoutWarnings();
  }
}
