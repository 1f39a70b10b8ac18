package dev.baton.processor.model;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * What generated code can reach, by the access rules of JLS section 6.6: a generated class is a
 * top-level class in some package, neither nested in nor a subclass of the user's types, so it
 * reaches public members of public types everywhere and non-private members of non-private types
 * in its own package.
 */
public final class Access {
  private Access() {}

  /** The package an element is declared in. */
  public static PackageElement packageOf(Element e) {
    Element p = e;
    while (p != null && p.getKind() != ElementKind.PACKAGE) {
      p = p.getEnclosingElement();
    }
    return (PackageElement) p;
  }

  /** Whether two elements are declared in the same package. */
  public static boolean samePackage(Element a, Element b) {
    return packageOf(a).getQualifiedName().contentEquals(packageOf(b).getQualifiedName());
  }

  /**
   * The first type of a type's enclosing chain (itself first) that is private; no generated class
   * can name a type inside it.
   *
   * @param type the type
   * @return the private type, or {@code null}
   */
  public static TypeElement privateEnclosing(TypeElement type) {
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return t;
      }
    }
    return null;
  }

  /**
   * Whether code in the package of {@code from} can name {@code type}: no type of its enclosing
   * chain is private, and each is public or in the same package.
   *
   * @param type the type to name
   * @param from an element in the package of the generated code
   * @return whether it can
   */
  public static boolean canName(TypeElement type, Element from) {
    if (privateEnclosing(type) != null) {
      return false;
    }
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (!t.getModifiers().contains(Modifier.PUBLIC)) {
        return samePackage(type, from);
      }
    }
    return true;
  }

  /**
   * Whether generated code in the package of {@code cls} can call an instance method on a {@code
   * cls}: the method is public, or non-private and declared in a type of the same package (a
   * protected method of a superclass in another package is reachable only from subclasses).
   *
   * @param method the method, declared in {@code cls} or a supertype
   * @param cls the class whose instance is called
   * @return whether it can
   */
  public static boolean canCall(ExecutableElement method, TypeElement cls) {
    if (method.getModifiers().contains(Modifier.PUBLIC)) {
      return true;
    }
    return !method.getModifiers().contains(Modifier.PRIVATE)
        && samePackage(method.getEnclosingElement(), cls);
  }

  /**
   * Whether generated code in the package of {@code from} can create a {@code type} with {@code
   * new type()}: a concrete class it can name, with a no-argument constructor it can reach.
   *
   * @param type the class
   * @param from an element in the package of the generated code
   * @return whether it can
   */
  public static boolean canInstantiate(TypeElement type, Element from) {
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)
        || !canName(type, from)) {
      return false;
    }
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && (c.getModifiers().contains(Modifier.PUBLIC)
            || !c.getModifiers().contains(Modifier.PRIVATE) && samePackage(type, from)));
  }
}
