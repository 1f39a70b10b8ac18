package dev.baton.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Assignment conversion of reflected types, as javac would answer it. */
class ReflectionTypeOracleTest {

  @SuppressWarnings("unused")
  static final class Fields {
    List<String> strings;
    List<Integer> integers;
    List<? extends Number> numbers;
    List<?> anything;
    List<String>[] arrayOfLists;
    Collection<String> collection;
  }

  private static Type field(String name) {
    try {
      return Fields.class.getDeclaredField(name).getGenericType();
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(String.class, String.class, true),
        Arguments.of(String.class, CharSequence.class, true),
        Arguments.of(String.class, Object.class, true),
        Arguments.of(CharSequence.class, String.class, false),
        Arguments.of(Integer.class, String.class, false),
        // boxing and unboxing
        Arguments.of(int.class, Integer.class, true),
        Arguments.of(Integer.class, int.class, true),
        Arguments.of(int.class, Number.class, true),
        Arguments.of(int.class, Object.class, true),
        Arguments.of(boolean.class, Boolean.class, true),
        Arguments.of(int.class, Long.class, false),
        Arguments.of(Long.class, int.class, false),
        Arguments.of(Number.class, int.class, false),
        // no primitive widening: values travel boxed, and an Integer is never a long
        Arguments.of(int.class, long.class, false),
        Arguments.of(char.class, int.class, false),
        Arguments.of(int.class, double.class, false),
        Arguments.of(float.class, double.class, false),
        Arguments.of(Integer.class, long.class, false),
        Arguments.of(long.class, int.class, false),
        Arguments.of(double.class, float.class, false),
        Arguments.of(int.class, char.class, false),
        Arguments.of(boolean.class, int.class, false),
        // generics
        Arguments.of(field("strings"), Types.listOf(String.class), true),
        Arguments.of(Types.listOf(String.class), field("strings"), true),
        Arguments.of(Types.parameterized(ArrayList.class, String.class), field("strings"), true),
        Arguments.of(field("strings"), field("collection"), true),
        Arguments.of(field("strings"), Types.listOf(Object.class), false),
        Arguments.of(field("strings"), Types.listOf(Integer.class), false),
        Arguments.of(field("integers"), field("numbers"), true),
        Arguments.of(field("strings"), field("numbers"), false),
        Arguments.of(field("strings"), field("anything"), true),
        Arguments.of(field("strings"), List.class, true),
        Arguments.of(List.class, field("strings"), false),
        Arguments.of(field("collection"), field("strings"), false),
        // arrays
        Arguments.of(String[].class, Object[].class, true),
        Arguments.of(Object[].class, String[].class, false),
        Arguments.of(int[].class, Object.class, true),
        Arguments.of(field("arrayOfLists"), Object[].class, true));
  }

  @ParameterizedTest(name = "{0} to {1}: {2}")
  @MethodSource("cases")
  void answersLikeAssignmentConversion(Type from, Type to, boolean expected) {
    assertEquals(expected, TypeOracle.reflection().isAssignable(TypeRef.of(from), TypeRef.of(to)));
  }

  @Test
  void rejectsOtherTypeRepresentations() {
    TypeRef mirror = () -> "Mirror";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TypeOracle.reflection().isAssignable(mirror, TypeRef.of(String.class)));
    assertEquals("the reflection oracle compares reflected types only, not Mirror and String",
        e.getMessage().replace(mirror.toString(), "Mirror"));
  }
}
