package dev.baton.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * One {@code @Tool} method.
 *
 * @param method the method
 * @param name the tool name the model sees
 * @param description what the model is told it does
 * @param approval whether each call needs approval
 * @param params its parameters, {@code @Context} ones included
 * @param schema the JSON Schema of its model-supplied arguments
 */
public record ToolModel(
    ExecutableElement method,
    String name,
    String description,
    boolean approval,
    List<ParamModel> params,
    String schema) {
  /** Copies the parameters. */
  public ToolModel {
    params = List.copyOf(params);
  }
}
