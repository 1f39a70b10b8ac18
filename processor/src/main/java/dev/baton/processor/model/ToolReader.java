package dev.baton.processor.model;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads a tool class into a {@link ToolClassModel}. Assumes the class passed validation. */
public final class ToolReader {
  private final Elements elements;
  private final Types types;
  private final SchemaWriter schemas;

  /**
   * @param elements the element utilities
   * @param types the type utilities
   * @param schemas computes the tools' schemas
   */
  public ToolReader(Elements elements, Types types, SchemaWriter schemas) {
    this.elements = elements;
    this.types = types;
    this.schemas = schemas;
  }

  /**
   * The {@code @Tool} methods of a class and its superclasses, own methods first.
   *
   * @param type the class
   * @param types the type utilities
   * @return the methods
   */
  public static List<ExecutableElement> toolMethods(TypeElement type, Types types) {
    return Members.methods(type, types).stream().filter(m -> Mirrors.has(m, Names.TOOL)).toList();
  }

  /**
   * Reads a tool class as the runner of one system sees it.
   *
   * @param type the class
   * @param system the agent system whose runner creates and calls it
   * @return its model
   */
  public ToolClassModel read(TypeElement type, TypeElement system) {
    List<ToolModel> tools = new ArrayList<>();
    for (ExecutableElement m : toolMethods(type, types)) {
      AnnotationMirror tool = Mirrors.find(m, Names.TOOL);
      Javadoc doc = Javadoc.of(elements, m);
      String name = Mirrors.string(tool, "name");
      String description = Mirrors.string(tool, "value");
      List<ParamModel> params = new ArrayList<>();
      for (VariableElement p : m.getParameters()) {
        String pName = p.getSimpleName().toString();
        String pDoc = SchemaWriter.paramAnnotation(p);
        params.add(new ParamModel(p, pName, p.asType(), pDoc.isEmpty() ? doc.param(pName) : pDoc,
            Mirrors.has(p, Names.CONTEXT)));
      }
      tools.add(new ToolModel(m,
          name.isEmpty() ? m.getSimpleName().toString() : name,
          description.isEmpty() ? doc.summary() : description,
          Mirrors.bool(tool, "approval"),
          params,
          schemas.object(params)));
    }
    return new ToolClassModel(type, tools, Access.canInstantiate(type, system));
  }
}
