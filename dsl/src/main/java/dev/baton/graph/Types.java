package dev.baton.graph;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds generic {@link Type}s without reflection tricks, for fluent-built graphs and generated
 * runners: {@code Types.listOf(Finding.class)} is {@code List<Finding>}.
 */
public final class Types {
  private Types() {}

  /**
   * A parameterized type.
   *
   * @param raw the generic class, e.g. {@code List.class}
   * @param arguments its type arguments, as many as it declares
   * @return {@code raw<arguments>}
   */
  public static ParameterizedType parameterized(Class<?> raw, Type... arguments) {
    if (raw.getTypeParameters().length != arguments.length) {
      throw new IllegalArgumentException(raw.getName() + " takes " + raw.getTypeParameters().length
          + " type arguments, not " + arguments.length);
    }
    return new Parameterized(raw, arguments.clone());
  }

  /** {@code List<element>}. @param element the element type @return the list type */
  public static ParameterizedType listOf(Type element) {
    return parameterized(List.class, element);
  }

  /** {@code Set<element>}. @param element the element type @return the set type */
  public static ParameterizedType setOf(Type element) {
    return parameterized(Set.class, element);
  }

  /** {@code Optional<element>}. @param element the element type @return the optional type */
  public static ParameterizedType optionalOf(Type element) {
    return parameterized(Optional.class, element);
  }

  /** {@code Map<String, value>}. @param value the value type @return the map type */
  public static ParameterizedType mapOf(Type value) {
    return parameterized(Map.class, String.class, value);
  }

  private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return raw.getDeclaringClass();
    }

    // Equal to the JDK's own ParameterizedType for the same type, as the interface asks.
    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType p
          && raw.equals(p.getRawType())
          && Objects.equals(getOwnerType(), p.getOwnerType())
          && Arrays.equals(arguments, p.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(arguments) ^ Objects.hashCode(getOwnerType()) ^ raw.hashCode();
    }

    @Override
    public String toString() {
      return getTypeName();
    }

    @Override
    public String getTypeName() {
      StringBuilder sb = new StringBuilder(raw.getTypeName()).append('<');
      for (int i = 0; i < arguments.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(arguments[i].getTypeName());
      }
      return sb.append('>').toString();
    }
  }
}
