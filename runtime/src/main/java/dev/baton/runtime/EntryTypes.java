package dev.baton.runtime;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Map;

/** The raw, boxed class of a reflected type, for checking a typed resume. */
final class EntryTypes {
  private static final Map<Class<?>, Class<?>> BOXES = Map.of(boolean.class, Boolean.class,
      byte.class, Byte.class, short.class, Short.class, char.class, Character.class,
      int.class, Integer.class, long.class, Long.class, float.class, Float.class,
      double.class, Double.class, void.class, Void.class);

  private EntryTypes() {}

  static Class<?> raw(Type type) {
    return switch (type) {
      case Class<?> c -> c;
      case ParameterizedType p -> raw(p.getRawType());
      case GenericArrayType a -> raw(a.getGenericComponentType()).arrayType();
      case WildcardType w -> raw(w.getUpperBounds()[0]);
      case TypeVariable<?> v -> raw(v.getBounds()[0]);
      default -> Object.class;
    };
  }

  static Class<?> boxed(Class<?> c) {
    return BOXES.getOrDefault(c, c);
  }
}
