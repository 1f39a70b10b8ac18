package dev.baton.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A class whose {@code @Tool} methods some agent lists.
 *
 * @param type the class
 * @param tools its tools, in declaration order
 * @param instantiable whether the runner can create it (a concrete class with a no-argument
 *     constructor the runner's package reaches)
 */
public record ToolClassModel(TypeElement type, List<ToolModel> tools, boolean instantiable) {
  /** Copies the tools. */
  public ToolClassModel {
    tools = List.copyOf(tools);
  }

  /** The class's qualified name: the owner of its tools in the graph. */
  public String owner() {
    return type.getQualifiedName().toString();
  }
}
