package dev.baton.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.RunnerBuilder;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The runner index frameworks read, and the builder view they build runners through. */
class RunnerIndexTest {
  @Test
  void everySystemHasAnIndexFileNamingItsInterfaceAndRunner() throws IOException {
    Compilation c = Compilations.compile(ValidPatternsTest.pattern("Support", "BillingTools"));
    JavaFileObject index = c.generatedFile(StandardLocation.CLASS_OUTPUT, "",
        "META-INF/baton/com.acme.Support.runner").orElseThrow(() -> new AssertionError(
            "no index; generated " + c.generatedFiles()));
    Properties p = new Properties();
    p.load(new StringReader(index.getCharContent(true).toString()));
    assertEquals("com.acme.Support", p.getProperty("system"));
    assertEquals("com.acme.SupportRunner", p.getProperty("runner"));
  }

  @Test
  void theBuilderViewListsToolClassesAndTakesInstances() throws Exception {
    CompiledClasses classes = new CompiledClasses(
        Compilations.compile(ValidPatternsTest.pattern("Support", "BillingTools")));
    RunnerBuilder<?> builder = (RunnerBuilder<?>) CompiledClasses.invokeStatic(
        classes.load("com.acme.SupportRunner"), "builder");
    Class<?> tools = classes.load("com.acme.BillingTools");
    assertEquals(List.of(tools), builder.toolClasses());

    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> builder.tool(tools, "not a tool instance"));
    assertTrue(wrong.getMessage().contains("com.acme.BillingTools"), wrong::getMessage);
    assertThrows(IllegalArgumentException.class,
        () -> builder.tool(String.class, "x"));

    Object instance = tools.getConstructor().newInstance();
    assertSame(builder, builder.tool(tools, instance));
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.respond(r -> ModelResponse.text("hello")))
        .build();
    AgentRunner<?> runner = builder.model(model).build();
    assertInstanceOf(classes.load("com.acme.Support"), runner);
    assertEquals("hello", CompiledClasses.invoke(runner, "frontDesk", "hi"));
  }
}
