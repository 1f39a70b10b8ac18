package dev.baton.processor.validation;

import dev.baton.graph.TypeOracle;
import dev.baton.graph.TypeRef;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Answers the graph validator's type questions with {@link Types}. Primitives are boxed on both
 * sides, so that {@code int} fits {@code Integer} but not {@code long}, exactly as the runtime's
 * reflection oracle decides when the generated runner builds its graph.
 */
public final class MirrorTypeOracle implements TypeOracle {
  private final Types types;

  /** @param types the compiler's type utilities */
  public MirrorTypeOracle(Types types) {
    this.types = types;
  }

  @Override
  public boolean isAssignable(TypeRef from, TypeRef to) {
    if (!(from instanceof MirrorTypeRef f) || !(to instanceof MirrorTypeRef t)) {
      return false;
    }
    return types.isAssignable(boxed(f.type()), boxed(t.type()));
  }

  private TypeMirror boxed(TypeMirror t) {
    return t.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) t).asType() : t;
  }
}
