package dev.baton.processor.model;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;

/**
 * Finds the sibling calls in a code agent's body: unqualified or {@code this.}-qualified method
 * invocations, which dispatch to the runner. Method bodies are not attributed while processors
 * run, so calls are matched to agents by name and argument count.
 *
 * <p>Needs javac's {@link Trees}; with another compiler (or a wrapped environment) it finds no
 * calls and cycles through code agents are left to the runtime's limits.
 */
public final class CallScanner {
  private final Trees trees;

  private CallScanner(Trees trees) {
    this.trees = trees;
  }

  /**
   * A scanner for the compiler behind {@code env}.
   *
   * @param env the processing environment
   * @return a scanner, inert if the compiler's trees are unavailable
   */
  public static CallScanner create(ProcessingEnvironment env) {
    try {
      return new CallScanner(Trees.instance(env));
    } catch (RuntimeException | LinkageError e) {
      return new CallScanner(null);
    }
  }

  /** The compiler's trees, or {@code null} if unavailable. */
  public Trees trees() {
    return trees;
  }

  /**
   * One invocation in a method body.
   *
   * @param method the invoked method's simple name
   * @param arity its number of arguments
   * @param path where it is
   */
  public record Call(String method, int arity, TreePath path) {}

  /**
   * The invocations in a method's body that may call sibling methods of the same object.
   *
   * @param method a method compiled from source
   * @return its calls in source order; empty if its source is unavailable
   */
  public List<Call> calls(ExecutableElement method) {
    if (trees == null) {
      return List.of();
    }
    TreePath path;
    try {
      path = trees.getPath(method);
    } catch (RuntimeException e) {
      return List.of();
    }
    if (path == null) {
      return List.of();
    }
    List<Call> calls = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        String name = selfCall(node.getMethodSelect());
        if (name != null) {
          calls.add(new Call(name, node.getArguments().size(), getCurrentPath()));
        }
        return super.visitMethodInvocation(node, unused);
      }
    }.scan(path, null);
    return calls;
  }

  private static String selfCall(Tree select) {
    if (select instanceof IdentifierTree id) {
      return id.getName().toString();
    }
    if (select instanceof MemberSelectTree ms) {
      Tree target = ms.getExpression();
      boolean self = (target instanceof IdentifierTree id && id.getName().contentEquals("this"))
          || (target instanceof MemberSelectTree outer && outer.getIdentifier().contentEquals("this"));
      return self ? ms.getIdentifier().toString() : null;
    }
    return null;
  }
}
