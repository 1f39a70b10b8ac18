package dev.baton.graph;

import java.lang.reflect.Type;

/**
 * A type in the graph model: an agent's input, output or a fan-out's element type.
 *
 * <p>The model does not fix how types are represented, so the same validator runs at compile time
 * (types are {@code javax.lang.model} mirrors) and at run time (types are {@link
 * java.lang.reflect.Type}s). A {@link TypeOracle} answers questions about the representation it
 * knows.
 */
public interface TypeRef {
  /** The type as a reader would write it, e.g. {@code List<Finding>}; used in messages. */
  String displayName();

  /**
   * A reference to a reflected type.
   *
   * @param type the type
   * @return a reference that {@link TypeOracle#reflection()} understands
   */
  static JavaTypeRef of(Type type) {
    return new JavaTypeRef(type);
  }
}
