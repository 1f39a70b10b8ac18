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

  @Override
  public java.util.Optional<TypeRef> elementType(TypeRef collection) {
    if (!(collection instanceof MirrorTypeRef c)) {
      return java.util.Optional.empty();
    }
    TypeMirror t = c.type();
    if (t instanceof javax.lang.model.type.ArrayType a) {
      return java.util.Optional.of(new MirrorTypeRef(a.getComponentType()));
    }
    if (t instanceof javax.lang.model.type.DeclaredType d && d.getTypeArguments().size() == 1) {
      String name = ((javax.lang.model.element.TypeElement) d.asElement()).getQualifiedName()
          .toString();
      if (name.equals("java.util.List") || name.equals("java.util.Set")) {
        TypeMirror e = d.getTypeArguments().get(0);
        if (e instanceof javax.lang.model.type.WildcardType w && w.getExtendsBound() != null) {
          e = w.getExtendsBound();
        }
        return java.util.Optional.of(new MirrorTypeRef(e));
      }
    }
    return java.util.Optional.empty();
  }

  private TypeMirror boxed(TypeMirror t) {
    return t.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) t).asType() : t;
  }
}
