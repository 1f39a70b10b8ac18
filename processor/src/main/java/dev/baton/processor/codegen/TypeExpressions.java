package dev.baton.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Writes a compile-time type as a Java expression of its {@code java.lang.reflect.Type}, without
 * reflection: {@code String.class}, {@code Types.listOf(Finding.class)}, {@code
 * Types.mapOf(Types.listOf(String.class))}.
 */
final class TypeExpressions {
  private static final ClassName TYPES = ClassName.get("dev.baton.graph", "Types");

  private TypeExpressions() {}

  /**
   * The expression of a type's {@code Type}. Assumes a supported type (validated before).
   *
   * @param type the type
   * @return the expression
   */
  static CodeBlock of(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY || type.getKind().isPrimitive()) {
      return CodeBlock.of("$T.class", TypeName.get(type));
    }
    DeclaredType d = (DeclaredType) type;
    TypeElement element = (TypeElement) d.asElement();
    List<? extends TypeMirror> args = d.getTypeArguments();
    ClassName raw = ClassName.get(element);
    if (args.isEmpty()) {
      return CodeBlock.of("$T.class", raw);
    }
    String helper = switch (element.getQualifiedName().toString()) {
      case "java.util.List" -> "listOf";
      case "java.util.Set" -> "setOf";
      case "java.util.Optional" -> "optionalOf";
      case "java.util.Map" -> "mapOf";
      default -> null;
    };
    if (helper != null) {
      return CodeBlock.of("$T.$L($L)", TYPES, helper, of(args.get(args.size() - 1)));
    }
    CodeBlock.Builder b = CodeBlock.builder().add("$T.parameterized($T.class", TYPES, raw);
    for (TypeMirror a : args) {
      b.add(", $L", of(a));
    }
    return b.add(")").build();
  }

  /** Whether a type is {@code java.lang.String}. */
  static boolean isString(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals("java.lang.String");
  }
}
