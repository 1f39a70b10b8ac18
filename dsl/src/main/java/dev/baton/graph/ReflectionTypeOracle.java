package dev.baton.graph;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Map;

/**
 * Assignability of reflected types: boxing and unboxing, but no primitive widening (values travel
 * boxed); raw types by class hierarchy, type arguments by equality or within a wildcard's bound.
 */
final class ReflectionTypeOracle implements TypeOracle {
  static final ReflectionTypeOracle INSTANCE = new ReflectionTypeOracle();

  private static final Map<Class<?>, Class<?>> BOXES = Map.of(
      boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class,
      char.class, Character.class, int.class, Integer.class, long.class, Long.class,
      float.class, Float.class, double.class, Double.class, void.class, Void.class);

  private static final Map<Class<?>, Class<?>> UNBOXES = Map.of(
      Boolean.class, boolean.class, Byte.class, byte.class, Short.class, short.class,
      Character.class, char.class, Integer.class, int.class, Long.class, long.class,
      Float.class, float.class, Double.class, double.class);

  private ReflectionTypeOracle() {}

  @Override
  public boolean isAssignable(TypeRef from, TypeRef to) {
    if (!(from instanceof JavaTypeRef f) || !(to instanceof JavaTypeRef t)) {
      throw new IllegalArgumentException(
          "the reflection oracle compares reflected types only, not " + from + " and " + to);
    }
    return assignable(f.type(), t.type());
  }

  @Override
  public java.util.Optional<TypeRef> elementType(TypeRef collection) {
    if (!(collection instanceof JavaTypeRef j)) {
      return java.util.Optional.empty();
    }
    Type t = j.type();
    if (t instanceof Class<?> c && c.isArray()) {
      return java.util.Optional.of(TypeRef.of(c.getComponentType()));
    }
    if (t instanceof GenericArrayType g) {
      return java.util.Optional.of(TypeRef.of(g.getGenericComponentType()));
    }
    if (t instanceof ParameterizedType p
        && (p.getRawType() == java.util.List.class || p.getRawType() == java.util.Set.class)) {
      Type e = p.getActualTypeArguments()[0];
      if (e instanceof WildcardType w) {
        e = w.getUpperBounds()[0];
      }
      return java.util.Optional.of(TypeRef.of(e));
    }
    return java.util.Optional.empty();
  }

  static boolean assignable(Type from, Type to) {
    if (from.equals(to) || to == Object.class) {
      return true;
    }
    if (to instanceof WildcardType w) {
      return Arrays.stream(w.getUpperBounds()).allMatch(b -> assignable(from, b));
    }
    Class<?> fromRaw = raw(from);
    Class<?> toRaw = raw(to);
    if (fromRaw == null || toRaw == null) {
      return false;
    }
    if (toRaw.isPrimitive()) {
      // Unboxing to the same primitive only: values travel boxed (Object[] arguments, JSON), and
      // an Integer never becomes a long on the way, so int does not fit long. The compile-time
      // oracle boxes both sides and decides the same (TypeOracleAgreementTest).
      Class<?> value = fromRaw.isPrimitive() ? fromRaw : UNBOXES.get(fromRaw);
      return value == toRaw;
    }
    if (!toRaw.isAssignableFrom(box(fromRaw))) {
      return false;
    }
    if (!(to instanceof ParameterizedType tp)) {
      return true;
    }
    if (!(from instanceof ParameterizedType fp) || fp.getRawType() != tp.getRawType()) {
      // Different generic classes (e.g. ArrayList<X> to List<X>): accept when raw types fit.
      return !(from instanceof Class<?>) || ((Class<?>) from).getTypeParameters().length == 0;
    }
    Type[] fa = fp.getActualTypeArguments();
    Type[] ta = tp.getActualTypeArguments();
    for (int i = 0; i < ta.length; i++) {
      boolean ok = ta[i] instanceof WildcardType ? assignable(fa[i], ta[i]) : fa[i].equals(ta[i]);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Class<?> box(Class<?> c) {
    return c.isPrimitive() ? BOXES.get(c) : c;
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof GenericArrayType g) {
      Class<?> component = raw(g.getGenericComponentType());
      return component == null ? null : component.arrayType();
    }
    return null;
  }
}
