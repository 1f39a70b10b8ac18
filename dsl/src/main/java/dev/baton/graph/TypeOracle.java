package dev.baton.graph;

/**
 * Answers the type questions of the {@link GraphValidator} for one representation of types. The
 * processor implements it with {@code javax.lang.model.util.Types}; {@link #reflection()} serves
 * graphs built at run time.
 */
public interface TypeOracle {
  /**
   * Whether a value of type {@code from} may be used where {@code to} is expected (assignment
   * conversion, including boxing).
   *
   * @param from the type of the value
   * @param to the expected type
   * @return whether the assignment is legal
   */
  boolean isAssignable(TypeRef from, TypeRef to);

  /**
   * The element type of a {@code List<E>}, {@code Set<E>} or {@code E[]}: what a fork over the
   * elements of a value of this type passes to each branch.
   *
   * @param collection a type
   * @return {@code E}, or empty if the type is none of these (or is raw)
   */
  java.util.Optional<TypeRef> elementType(TypeRef collection);

  /** The oracle for {@link JavaTypeRef}s. */
  static TypeOracle reflection() {
    return ReflectionTypeOracle.INSTANCE;
  }
}
