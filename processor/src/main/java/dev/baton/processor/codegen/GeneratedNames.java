package dev.baton.processor.codegen;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/** Names of generated types: {@code SupportRunner}, {@code Outer_InnerRunner}, {@code BillingToolsTools}. */
public final class GeneratedNames {
  private GeneratedNames() {}

  /**
   * The runner of an agent system, in the system's package.
   *
   * @param system the interface or abstract class
   * @return {@code <Outer_>NameRunner}
   */
  public static ClassName runner(TypeElement system) {
    return sibling(system, "Runner");
  }

  /**
   * The tool invoker of a tool class, in the class's package.
   *
   * @param toolClass the class with {@code @Tool} methods
   * @return {@code <Outer_>NameTools}
   */
  public static ClassName invoker(TypeElement toolClass) {
    return sibling(toolClass, "Tools");
  }

  private static ClassName sibling(TypeElement type, String suffix) {
    ClassName name = ClassName.get(type);
    return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + suffix);
  }
}
