package dev.baton.processor.model;

import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One parameter of an agent or a tool.
 *
 * @param element the parameter
 * @param name its name
 * @param type its type
 * @param description its description for the model ({@code @Param} or the Javadoc {@code @param});
 *     empty if none
 * @param context whether it is a tool's {@code @Context} parameter, injected by type
 */
public record ParamModel(
    VariableElement element, String name, TypeMirror type, String description, boolean context) {}
