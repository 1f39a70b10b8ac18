package dev.baton.processor.validation;

import dev.baton.graph.TypeRef;
import javax.lang.model.type.TypeMirror;

/**
 * A graph type backed by a compile-time {@link TypeMirror}.
 *
 * @param type the mirror
 */
public record MirrorTypeRef(TypeMirror type) implements TypeRef {
  @Override
  public String displayName() {
    // Drop package qualifiers: java.util.List<com.acme.Finding> reads as List<Finding>.
    return type.toString().replaceAll("\\b[a-z_$][\\w$]*\\.", "");
  }

  @Override
  public String toString() {
    return displayName();
  }
}
