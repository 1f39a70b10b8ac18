package dev.baton.processor.validation;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.baton.graph.Problem;
import dev.baton.processor.model.Location;
import dev.baton.processor.model.Mirrors;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * The diagnostics of one stage, printed on their locations. Warnings honour {@code
 * @SuppressWarnings("baton:<code>")} on the element or an enclosing one; errors cannot be
 * suppressed.
 */
public final class Report {
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private boolean failed;

  /**
   * Adds a processor message.
   *
   * @param message the message
   * @param location where
   * @param args its format arguments
   * @return this
   */
  public Report add(Message message, Location location, Object... args) {
    diagnostics.add(new Diagnostic(message.kind(), message.code(), message.format(args), location));
    return this;
  }

  /**
   * Adds a graph problem.
   *
   * @param problem the problem
   * @param location where
   * @return this
   */
  public Report add(Problem problem, Location location) {
    diagnostics.add(new Diagnostic(Kind.ERROR, problem.code().code(),
        problem.message(dev.baton.graph.Vocabulary.ANNOTATIONS), location));
    return this;
  }

  /** Adds every diagnostic of another report, and its failure. */
  public Report addAll(Report other) {
    diagnostics.addAll(other.diagnostics);
    failed |= other.failed;
    return this;
  }

  /**
   * Fails the stage without a new message, because the error was reported already (a tool class
   * shared by several systems is reported once).
   *
   * @return this
   */
  public Report fail() {
    failed = true;
    return this;
  }

  /** The diagnostics in the order added. */
  public List<Diagnostic> diagnostics() {
    return List.copyOf(diagnostics);
  }

  /** Whether any diagnostic is an error: then the stage's result must not be used. */
  public boolean hasErrors() {
    return failed || diagnostics.stream().anyMatch(d -> d.kind() == Kind.ERROR);
  }

  /**
   * Prints every diagnostic on its location, except suppressed warnings.
   *
   * @param messager the messager
   * @param trees the compiler's trees, to print on a tree; may be {@code null}
   */
  public void print(Messager messager, Trees trees) {
    for (Diagnostic d : diagnostics) {
      Location l = d.location();
      if (d.kind() != Kind.ERROR && isSuppressed(l.element(), d.code())) {
        continue;
      }
      String text = d.toString();
      if (l instanceof Location.OnTree t && trees != null) {
        trees.printMessage(d.kind(), text, t.path().getLeaf(), t.path().getCompilationUnit());
      } else if (l instanceof Location.OnElement e && e.mirror() != null && trees != null
          && isNested(e.element(), e.mirror())) {
        TreePath path = AnnotationTrees.find(trees, e.element(), e.mirror(), e.value());
        if (path != null) {
          trees.printMessage(d.kind(), text, path.getLeaf(), path.getCompilationUnit());
        } else {
          messager.printMessage(d.kind(), text, e.element());
        }
      } else if (l instanceof Location.OnElement e && e.mirror() != null && e.value() != null) {
        messager.printMessage(d.kind(), text, e.element(), e.mirror(), e.value());
      } else if (l instanceof Location.OnElement e && e.mirror() != null) {
        messager.printMessage(d.kind(), text, e.element(), e.mirror());
      } else {
        messager.printMessage(d.kind(), text, l.element());
      }
    }
  }

  // A mirror inside a container (a repeated annotation) that javac cannot place by itself.
  private static boolean isNested(Element element, AnnotationMirror mirror) {
    return !element.getAnnotationMirrors().contains(mirror);
  }

  private static boolean isSuppressed(Element element, String code) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      AnnotationMirror m = Mirrors.find(e, "java.lang.SuppressWarnings");
      if (m != null) {
        for (AnnotationValue v : Mirrors.array(m, "value")) {
          if (v.getValue().equals("baton:" + code) || v.getValue().equals("baton")) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
