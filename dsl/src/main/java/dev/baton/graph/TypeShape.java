package dev.baton.graph;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A parameter or output type as Baton's JSON mapping sees it (DESIGN section 3's allowed types),
 * independent of how the type was found: by reflection for graphs built at run time ({@link
 * #of(java.lang.reflect.Type)}), from compiler mirrors in the annotation processor. {@link
 * JsonSchemas} writes the one JSON Schema of each shape, so both paths send the same schemas.
 *
 * <p>Shapes are immutable; a record's components are computed lazily, so a record that contains
 * itself is a finite shape.
 */
public sealed interface TypeShape {
  /** {@code String}, {@code char}; numbers; {@code boolean}: the JSON scalar types. */
  enum Scalar implements TypeShape {
    /** A JSON string: {@code String}, {@code char}, {@code Character}. */
    STRING,
    /** A JSON integer: {@code byte} to {@code long} and their boxes. */
    INTEGER,
    /** A JSON number: {@code float}, {@code double} and their boxes. */
    NUMBER,
    /** A JSON boolean: {@code boolean}, {@code Boolean}. */
    BOOLEAN
  }

  /**
   * {@code List<T>}, {@code Set<T>}, {@code T[]}: a JSON array.
   *
   * @param items the element shape
   */
  record ArrayOf(TypeShape items) implements TypeShape {
    /** Checks the component. */
    public ArrayOf {
      Objects.requireNonNull(items, "items");
    }
  }

  /**
   * {@code Map<String, V>}: sent to models as an array of {@code {"key", "value"}} entries, because
   * strict structured outputs cannot describe an object with free property names; read back from
   * either form by the runtime.
   *
   * @param values the value shape
   */
  record MapOf(TypeShape values) implements TypeShape {
    /** Checks the component. */
    public MapOf {
      Objects.requireNonNull(values, "values");
    }
  }

  /**
   * {@code Optional<T>}: required but nullable, as strict mode demands.
   *
   * @param value the present value's shape
   */
  record OptionalOf(TypeShape value) implements TypeShape {
    /** Checks the component. */
    public OptionalOf {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * An enum: a string with the constants' names.
   *
   * @param constants the constant names in declaration order
   */
  record EnumOf(List<String> constants) implements TypeShape {
    /** Copies the constants. */
    public EnumOf {
      constants = List.copyOf(constants);
    }
  }

  /**
   * A record: an object with one required property per component.
   *
   * @param name the record's qualified name, which identifies it (e.g. to find recursion)
   * @param definitionName the name under {@code $defs} if it is recursive, e.g. {@code Tree_Node}
   *     for a nested record; letters, digits and {@code _}
   * @param components computes the components, in declaration order, when first needed
   */
  record RecordOf(String name, String definitionName, Supplier<List<Property>> components)
      implements TypeShape {
    /** Checks the components. */
    public RecordOf {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(definitionName, "definitionName");
      Objects.requireNonNull(components, "components");
    }
  }

  /**
   * A type the mapping does not support (the validators report it before any schema is sent);
   * written as the empty schema.
   *
   * @param displayName the type as written
   */
  record Unsupported(String displayName) implements TypeShape {}

  /**
   * A record component or a parameter: a named, described property.
   *
   * @param name the property name
   * @param description its description for the model; empty for none
   * @param shape its shape
   */
  record Property(String name, String description, TypeShape shape) {
    /** Checks the components. */
    public Property {
      Objects.requireNonNull(name, "name");
      description = description == null ? "" : description;
      Objects.requireNonNull(shape, "shape");
    }
  }

  /**
   * The shape of a reflected type, with {@link dev.baton.Param} texts of record components as
   * descriptions.
   *
   * @param type a {@code Class}, {@code ParameterizedType}, {@code GenericArrayType} or {@code
   *     WildcardType}
   * @return its shape
   */
  static TypeShape of(java.lang.reflect.Type type) {
    return ReflectedShapes.of(type);
  }
}
