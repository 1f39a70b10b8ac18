package dev.baton.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Types} builds types equal to the JDK's own reflected generic types. */
class TypesTest {

  record Finding(String part) {}

  @SuppressWarnings("unused")
  static final class Fields {
    List<String> list;
    Set<Finding> set;
    Optional<Integer> optional;
    Map<String, List<Finding>> map;
    Map.Entry<String, Integer> entry;
    ArrayList<String> arrayList;
  }

  private static Type field(String name) {
    try {
      return Fields.class.getDeclaredField(name).getGenericType();
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertSameType(Type jdk, ParameterizedType ours) {
    assertEquals(jdk, ours, "JDK equals ours");
    assertEquals(ours, jdk, "ours equals JDK");
    assertEquals(jdk.hashCode(), ours.hashCode(), "hash codes");
    assertEquals(jdk.getTypeName(), ours.getTypeName(), "type names");
    assertEquals(jdk.toString(), ours.toString(), "toString");
  }

  @Test
  void factoriesEqualReflectedTypes() {
    assertSameType(field("list"), Types.listOf(String.class));
    assertSameType(field("set"), Types.setOf(Finding.class));
    assertSameType(field("optional"), Types.optionalOf(Integer.class));
    assertSameType(field("map"), Types.mapOf(Types.listOf(Finding.class)));
    assertSameType(field("entry"), Types.parameterized(Map.Entry.class, String.class, Integer.class));
    assertSameType(field("arrayList"), Types.parameterized(ArrayList.class, String.class));
  }

  @Test
  void componentsAreThoseOfTheType() {
    ParameterizedType t = Types.mapOf(Integer.class);
    assertEquals(Map.class, t.getRawType());
    assertNull(t.getOwnerType());
    assertEquals(List.of(String.class, Integer.class), List.of(t.getActualTypeArguments()));
    assertEquals(Map.class, Types.parameterized(Map.Entry.class, String.class, String.class)
        .getOwnerType());
  }

  @Test
  void argumentsCannotBeChangedFromOutside() {
    Type[] args = {String.class};
    ParameterizedType t = Types.parameterized(List.class, args);
    args[0] = Integer.class;
    t.getActualTypeArguments()[0] = Integer.class;
    assertEquals(Types.listOf(String.class), t);
  }

  @Test
  void differentArgumentsOrRawTypesDiffer() {
    assertNotEquals(Types.listOf(String.class), Types.listOf(Integer.class));
    assertNotEquals(Types.listOf(String.class), Types.setOf(String.class));
    assertNotEquals(Types.listOf(String.class), field("arrayList"));
    assertNotEquals(Types.listOf(String.class), List.class);
  }

  @Test
  void wrongNumberOfArgumentsIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Types.parameterized(Map.class, String.class));
    assertEquals("java.util.Map takes 2 type arguments, not 1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Types.parameterized(String.class, Integer.class));
  }

  @Test
  void displayNamesAreShort() {
    assertEquals("Map<String, List<Finding>>", TypeRef.of(Types.mapOf(Types.listOf(Finding.class)))
        .displayName());
    assertEquals("int[]", TypeRef.of(int[].class).displayName());
    assertEquals("List<String>", TypeRef.of(field("list")).toString());
  }
}
