package dev.baton.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Field handles for the run loop's compare-and-set fields, which save an atomic object each. */
final class VarHandles {
  private VarHandles() {}

  /**
   * The handle of {@code owner}'s field {@code name} of type {@code type}, for a class's static
   * initializer.
   *
   * @param lookup the declaring class's own lookup ({@code MethodHandles.lookup()}), which may
   *     reach its private fields and its nestmates'
   * @throws ExceptionInInitializerError if there is no such field: a programming error
   */
  static VarHandle field(MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> type) {
    try {
      return lookup.findVarHandle(owner, name, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
