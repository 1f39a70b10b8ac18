package dev.baton.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.baton.processor.model.Mirrors;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Finds the source tree of an annotation value where javac's own lookup gives up: the annotations
 * of a repeated {@code @Handoff} live inside a container javac synthesized, so it reports them on
 * the method name. Here each written {@code @Handoff(...)} is matched to its mirror by its literal
 * arguments, and the value to its argument (or array element).
 */
final class AnnotationTrees {
  private AnnotationTrees() {}

  /**
   * The tree of a value of an annotation of an element.
   *
   * @param trees the compiler's trees
   * @param element the annotated element, compiled from source
   * @param mirror the annotation, possibly inside a container
   * @param value one of its values, or {@code null} for the annotation itself
   * @return the path to the value's tree, or {@code null} if not found
   */
  static TreePath find(Trees trees, Element element, AnnotationMirror mirror, AnnotationValue value) {
    TreePath path = trees.getPath(element);
    if (path == null) {
      return null;
    }
    ModifiersTree modifiers = switch (path.getLeaf()) {
      case MethodTree m -> m.getModifiers();
      case ClassTree c -> c.getModifiers();
      case VariableTree v -> v.getModifiers();
      default -> null;
    };
    if (modifiers == null) {
      return null;
    }
    String simpleName = mirror.getAnnotationType().asElement().getSimpleName().toString();
    for (AnnotationTree at : modifiers.getAnnotations()) {
      if (!simpleName(at.getAnnotationType()).equals(simpleName) || !literalsMatch(at, mirror)) {
        continue;
      }
      TreePath annotationPath = new TreePath(new TreePath(path, modifiers), at);
      Tree valueTree = value == null ? null : valueTree(at, mirror, value);
      return valueTree == null ? annotationPath : new TreePath(annotationPath, valueTree);
    }
    return null;
  }

  private static String simpleName(Tree type) {
    return type instanceof MemberSelectTree ms ? ms.getIdentifier().toString() : type.toString();
  }

  // Every argument written as a literal must equal the mirror's value of that member.
  private static boolean literalsMatch(AnnotationTree at, AnnotationMirror mirror) {
    for (ExpressionTree arg : at.getArguments()) {
      String member = "value";
      ExpressionTree expression = arg;
      if (arg instanceof AssignmentTree a) {
        member = a.getVariable().toString();
        expression = a.getExpression();
      }
      if (expression instanceof LiteralTree literal) {
        AnnotationValue v = Mirrors.explicit(mirror, member);
        if (v == null || !v.getValue().equals(literal.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  private static Tree valueTree(AnnotationTree at, AnnotationMirror mirror, AnnotationValue value) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : mirror.getElementValues().entrySet()) {
      String member = e.getKey().getSimpleName().toString();
      boolean whole = e.getValue() == value;
      boolean element = e.getValue().getValue() instanceof List<?> list
          && list.stream().anyMatch(o -> o == value);
      if (!whole && !element) {
        continue;
      }
      ExpressionTree expression = argument(at, member);
      if (whole || !(expression instanceof NewArrayTree array)) {
        return expression;
      }
      for (ExpressionTree initializer : array.getInitializers()) {
        if (initializer instanceof LiteralTree l ? l.getValue().equals(value.getValue())
            : initializer.toString().equals(value.toString())) {
          return initializer;
        }
      }
      return expression;
    }
    return null;
  }

  private static ExpressionTree argument(AnnotationTree at, String member) {
    for (ExpressionTree arg : at.getArguments()) {
      if (arg instanceof AssignmentTree a && a.getVariable().toString().equals(member)) {
        return a.getExpression();
      }
      if (!(arg instanceof AssignmentTree) && member.equals("value")) {
        return arg;
      }
    }
    return null;
  }
}
