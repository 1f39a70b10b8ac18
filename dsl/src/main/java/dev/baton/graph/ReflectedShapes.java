package dev.baton.graph;

import dev.baton.Param;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TypeShape}s of reflected types, for graphs built at run time. */
final class ReflectedShapes {
  private ReflectedShapes() {}

  static TypeShape of(Type t) {
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return new TypeShape.ArrayOf(of(args[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return new TypeShape.MapOf(of(args[1]));
      }
      if (raw == Optional.class) {
        return new TypeShape.OptionalOf(of(args[0]));
      }
      return of(raw);
    }
    if (t instanceof WildcardType w) {
      // List<? extends Finding> holds Findings; an unbounded wildcard allows anything.
      Type[] upper = w.getUpperBounds();
      return upper.length == 1 && upper[0] != Object.class ? of(upper[0])
          : new TypeShape.Unsupported(w.getTypeName());
    }
    if (t instanceof GenericArrayType g) {
      return new TypeShape.ArrayOf(of(g.getGenericComponentType()));
    }
    if (!(t instanceof Class<?> c)) {
      return new TypeShape.Unsupported(String.valueOf(t));
    }
    if (c == String.class || c == char.class || c == Character.class) {
      return TypeShape.Scalar.STRING;
    }
    if (c == boolean.class || c == Boolean.class) {
      return TypeShape.Scalar.BOOLEAN;
    }
    if (c == int.class || c == long.class || c == short.class || c == byte.class
        || c == Integer.class || c == Long.class || c == Short.class || c == Byte.class) {
      return TypeShape.Scalar.INTEGER;
    }
    if (c == double.class || c == float.class || c == Double.class || c == Float.class) {
      return TypeShape.Scalar.NUMBER;
    }
    if (c.isArray()) {
      return new TypeShape.ArrayOf(of(c.getComponentType()));
    }
    if (c.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : c.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      return new TypeShape.EnumOf(names);
    }
    if (c.isRecord()) {
      return new TypeShape.RecordOf(c.getName(), definitionName(c), () -> {
        List<TypeShape.Property> components = new ArrayList<>();
        for (RecordComponent rc : c.getRecordComponents()) {
          Param param = rc.getAnnotation(Param.class);
          components.add(new TypeShape.Property(rc.getName(), param == null ? "" : param.value(),
              of(rc.getGenericType())));
        }
        return components;
      });
    }
    return new TypeShape.Unsupported(c.getName());
  }

  // Simple names joined for nested records (Tree_Node), as the processor names them.
  private static String definitionName(Class<?> c) {
    String name = c.getSimpleName();
    for (Class<?> outer = c.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
      name = outer.getSimpleName() + "_" + name;
    }
    return name;
  }
}
