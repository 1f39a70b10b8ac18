package dev.baton.processor.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

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

  /**
   * The canonical names of the erased types of its {@code @Context} parameters, in order, each once:
   * what a run must hold context objects of.
   *
   * @return the names; empty if it has no {@code @Context} parameter
   */
  public List<String> contextTypes() {
    Set<String> names = new LinkedHashSet<>();
    for (ParamModel p : params) {
      if (p.context() && p.type() instanceof DeclaredType d
          && d.asElement() instanceof TypeElement e) {
        names.add(e.getQualifiedName().toString());
      }
    }
    return List.copyOf(names);
  }
}
