package dev.baton.graph;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A {@link TypeRef} backed by a reflected {@link Type}: what the fluent builder and generated
 * runners use, and what the runtime parses structured output into.
 *
 * @param type the reflected type
 */
public record JavaTypeRef(Type type) implements TypeRef {
  /** Checks the type. */
  public JavaTypeRef {
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String displayName() {
    return render(type);
  }

  static String render(Type t) {
    if (t instanceof Class<?> c) {
      return c.isArray() ? render(c.getComponentType()) + "[]" : c.getSimpleName();
    }
    if (t instanceof ParameterizedType p) {
      return render(p.getRawType())
          + Arrays.stream(p.getActualTypeArguments())
              .map(JavaTypeRef::render)
              .collect(Collectors.joining(", ", "<", ">"));
    }
    return t.getTypeName();
  }

  @Override
  public String toString() {
    return displayName();
  }
}
