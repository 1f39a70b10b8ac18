package dev.baton.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Reads annotations through {@link AnnotationMirror}s, so that every value read is also a location
 * to report on, and {@code Class} members never throw {@code MirroredTypeException}.
 */
public final class Mirrors {
  private Mirrors() {}

  /**
   * The annotation of a type on an element, if present.
   *
   * @param element the annotated element
   * @param qualifiedName the annotation type's canonical name
   * @return the mirror, or {@code null}
   */
  public static AnnotationMirror find(Element element, String qualifiedName) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      if (nameOf(m).contentEquals(qualifiedName)) {
        return m;
      }
    }
    return null;
  }

  /** Whether an element carries an annotation. */
  public static boolean has(Element element, String qualifiedName) {
    return find(element, qualifiedName) != null;
  }

  /**
   * Every occurrence of a repeatable annotation, whether written once (direct) or several times
   * (inside its container's {@code value}), in source order.
   *
   * @param element the annotated element
   * @param qualifiedName the repeatable annotation
   * @param containerName its container
   * @return the mirrors, possibly none
   */
  public static List<AnnotationMirror> findRepeated(
      Element element, String qualifiedName, String containerName) {
    List<AnnotationMirror> result = new ArrayList<>();
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      Name name = nameOf(m);
      if (name.contentEquals(qualifiedName)) {
        result.add(m);
      } else if (name.contentEquals(containerName)) {
        AnnotationValue v = explicit(m, "value");
        if (v != null && v.getValue() instanceof List<?> list) {
          for (Object o : list) {
            if (o instanceof AnnotationValue av && av.getValue() instanceof AnnotationMirror inner) {
              result.add(inner);
            }
          }
        }
      }
    }
    return result;
  }

  /** The canonical name of a mirror's annotation type. */
  public static Name nameOf(AnnotationMirror m) {
    return ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName();
  }

  /**
   * A member's value as written, or {@code null} when the member takes its default.
   *
   * @param m the annotation, or {@code null} for an absent one
   * @param member the member name
   * @return the value or {@code null}
   */
  public static AnnotationValue explicit(AnnotationMirror m, String member) {
    if (m == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : m.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * A member's value, written or default.
   *
   * @param m the annotation
   * @param member the member name
   * @return the value; {@code null} only if the member or the annotation ({@code m} is {@code
   *     null}) does not exist
   */
  public static AnnotationValue value(AnnotationMirror m, String member) {
    AnnotationValue v = explicit(m, member);
    if (v != null || m == null) {
      return v;
    }
    for (Element e : m.getAnnotationType().asElement().getEnclosedElements()) {
      if (e instanceof ExecutableElement x && x.getSimpleName().contentEquals(member)) {
        return x.getDefaultValue();
      }
    }
    return null;
  }

  /** A {@code String} member, written or default; empty if absent or erroneous. */
  public static String string(AnnotationMirror m, String member) {
    AnnotationValue v = value(m, member);
    return v != null && v.getValue() instanceof String s ? s : "";
  }

  /** A {@code boolean} member, written or default. */
  public static boolean bool(AnnotationMirror m, String member) {
    AnnotationValue v = value(m, member);
    return v != null && v.getValue() instanceof Boolean b && b;
  }

  /** An {@code int} member, written or default; {@code fallback} if absent or erroneous. */
  public static int integer(AnnotationMirror m, String member, int fallback) {
    AnnotationValue v = value(m, member);
    return v != null && v.getValue() instanceof Integer i ? i : fallback;
  }

  /** An enum member's constant name, written or default; empty if absent. */
  public static String enumConstant(AnnotationMirror m, String member) {
    AnnotationValue v = value(m, member);
    return v != null && v.getValue() instanceof VariableElement c ? c.getSimpleName().toString() : "";
  }

  /**
   * The elements of an array member, written or default; a single value written without braces is
   * a one-element array.
   *
   * @param m the annotation
   * @param member the member name
   * @return the element values
   */
  public static List<AnnotationValue> array(AnnotationMirror m, String member) {
    AnnotationValue v = value(m, member);
    if (v == null) {
      return List.of();
    }
    if (v.getValue() instanceof List<?> list) {
      List<AnnotationValue> result = new ArrayList<>();
      for (Object o : list) {
        if (o instanceof AnnotationValue av) {
          result.add(av);
        }
      }
      return result;
    }
    return List.of(v);
  }

  /** The strings of a {@code String[]} member. */
  public static List<String> strings(AnnotationMirror m, String member) {
    List<String> result = new ArrayList<>();
    for (AnnotationValue v : array(m, member)) {
      result.add(v.getValue() instanceof String s ? s : String.valueOf(v.getValue()));
    }
    return result;
  }

  /**
   * The type of a class literal value, or {@code null} if it is unresolved or not a class literal
   * (javac then reports the missing symbol itself).
   *
   * @param v the value
   * @return the type or {@code null}
   */
  public static TypeMirror classLiteral(AnnotationValue v) {
    return v.getValue() instanceof TypeMirror t ? t : null;
  }

  /**
   * The element of an array member whose value equals {@code value}, for reporting on it.
   *
   * @param m the annotation
   * @param member the array member
   * @param value the value to find
   * @return the element value, or the member's value, or {@code null}
   */
  public static AnnotationValue arrayElement(AnnotationMirror m, String member, String value) {
    for (AnnotationValue v : array(m, member)) {
      if (value.equals(v.getValue())) {
        return v;
      }
    }
    return explicit(m, member);
  }

  /**
   * The last element of an array member whose value equals {@code value}: where a repeat is.
   *
   * @param m the annotation
   * @param member the array member
   * @param value the value to find
   * @return the element value, or the member's value, or {@code null}
   */
  public static AnnotationValue lastArrayElement(AnnotationMirror m, String member, String value) {
    AnnotationValue last = null;
    for (AnnotationValue v : array(m, member)) {
      if (value.equals(v.getValue())) {
        last = v;
      }
    }
    return last != null ? last : explicit(m, member);
  }
}
