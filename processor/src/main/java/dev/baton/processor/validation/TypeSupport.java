package dev.baton.processor.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Decides whether a type has a JSON mapping: String, primitives and boxes, enums, records (whose
 * components are supported), List, Set and arrays of supported types, {@code Map<String, V>} and
 * {@code Optional<T>}. Unresolved types pass: javac reports them itself.
 */
final class TypeSupport {
  private TypeSupport() {}

  /**
   * Why a type is not supported.
   *
   * @param type the type
   * @return the reason (naming the offending part), or {@code null} if it is supported
   */
  static String problem(TypeMirror type) {
    return problem(type, new HashSet<>());
  }

  private static String problem(TypeMirror type, Set<TypeElement> visiting) {
    switch (type.getKind()) {
      case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE, ERROR:
        return null;
      case ARRAY: {
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (component instanceof DeclaredType d && !d.getTypeArguments().isEmpty()) {
          return "arrays of generic types have no runtime class; use List<" + simple(component) + ">";
        }
        return problem(component, visiting);
      }
      case DECLARED:
        return declared((DeclaredType) type, visiting);
      case TYPEVAR:
        return "type variable " + type + " has no JSON mapping";
      case WILDCARD:
        return "wildcard " + type + " has no JSON mapping; name the type";
      default:
        return simple(type) + " has no JSON mapping";
    }
  }

  private static String declared(DeclaredType type, Set<TypeElement> visiting) {
    TypeElement element = (TypeElement) type.asElement();
    List<? extends TypeMirror> args = type.getTypeArguments();
    String name = element.getQualifiedName().toString();
    switch (name) {
      case "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte",
          "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
          "java.lang.Double":
        return null;
      case "java.util.List", "java.util.Set", "java.util.Optional":
        if (args.size() != 1) {
          return "raw " + element.getSimpleName() + " has no element type";
        }
        return typeArgument(args.get(0), visiting);
      case "java.util.Map":
        if (args.size() != 2) {
          return "raw Map has no value type";
        }
        if (args.get(0).getKind() != TypeKind.DECLARED
            || !((TypeElement) ((DeclaredType) args.get(0)).asElement()).getQualifiedName()
                .contentEquals("java.lang.String")) {
          return "map keys are JSON property names, so the key type must be String, not "
              + simple(args.get(0));
        }
        return typeArgument(args.get(1), visiting);
      case "dev.baton.Results":
        return "Results<T> is the return type of a @Parallel fan-out only";
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      return element.getModifiers().contains(Modifier.PRIVATE)
          ? "enum " + element.getSimpleName() + " is private, so the runner cannot name it" : null;
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (element.getModifiers().contains(Modifier.PRIVATE)) {
        return "record " + element.getSimpleName() + " is private, so the runner cannot name it";
      }
      if (!visiting.add(element)) {
        return null;
      }
      for (RecordComponentElement c : element.getRecordComponents()) {
        String p = problem(c.asType(), visiting);
        if (p != null) {
          return "component " + c.getSimpleName() + " of record " + element.getSimpleName() + ": " + p;
        }
      }
      return null;
    }
    return simple(type) + " has no JSON mapping (only records, enums and the listed JDK types do)";
  }

  private static String typeArgument(TypeMirror arg, Set<TypeElement> visiting) {
    if (arg.getKind() == TypeKind.WILDCARD) {
      return "wildcard " + arg + " has no JSON mapping; name the type";
    }
    return problem(arg, visiting);
  }

  static String simple(TypeMirror type) {
    return new MirrorTypeRef(type).displayName();
  }
}
