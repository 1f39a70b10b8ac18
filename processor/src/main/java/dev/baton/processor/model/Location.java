package dev.baton.processor.model;

import com.sun.source.util.TreePath;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where in the source a diagnostic belongs: the narrowest element, annotation and annotation value
 * known, or a tree inside a method body (a code agent's call to a sibling).
 */
public sealed interface Location {
  /** The element the location is in; the fallback when nothing narrower can be shown. */
  Element element();

  /**
   * An element, optionally narrowed to one of its annotations and one value of it.
   *
   * @param element the element
   * @param mirror the annotation, or {@code null}
   * @param value the annotation value, or {@code null}
   */
  record OnElement(Element element, AnnotationMirror mirror, AnnotationValue value)
      implements Location {}

  /**
   * A tree inside the source of {@code element}, e.g. a method invocation.
   *
   * @param element the enclosing element
   * @param path the path to the tree, with its compilation unit
   */
  record OnTree(Element element, TreePath path) implements Location {}

  /** @param element the element @return a location on the whole element */
  static Location of(Element element) {
    return new OnElement(element, null, null);
  }

  /** @param element the element @param mirror its annotation @return a location on the annotation */
  static Location of(Element element, AnnotationMirror mirror) {
    return new OnElement(element, mirror, null);
  }

  /**
   * @param element the element
   * @param mirror its annotation
   * @param value a value of the annotation
   * @return a location on the value
   */
  static Location of(Element element, AnnotationMirror mirror, AnnotationValue value) {
    return new OnElement(element, mirror, value);
  }
}
