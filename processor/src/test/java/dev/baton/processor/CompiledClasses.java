package dev.baton.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * The classes of a compilation (sources and generated), loaded in memory; and reflective helpers
 * to build and call a generated runner from a test (the generated code itself uses no reflection).
 */
final class CompiledClasses extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>();

  CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    CompilationSubject.assertThat(compilation).succeededWithoutWarnings();
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
          path.length() - ".class".length()).replace('/', '.');
      try (InputStream in = f.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  Class<?> load(String name) {
    try {
      return loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(name + " was not compiled; classes are " + classes.keySet(), e);
    }
  }

  /**
   * Builds a runner: {@code XRunner.builder()}, then each setter, then {@code build()}.
   *
   * @param runner the runner's name
   * @param setters setter name and argument, alternating
   * @return the runner
   */
  Object runner(String runner, Object... setters) {
    Object builder = invokeStatic(load(runner), "builder");
    for (int i = 0; i < setters.length; i += 2) {
      builder = invoke(builder, (String) setters[i], setters[i + 1]);
    }
    return invoke(builder, "build");
  }

  static Object invokeStatic(Class<?> type, String method, Object... args) {
    return call(type, null, method, args);
  }

  /** Calls a public method by name and arity, unwrapping the target's exception. */
  static Object invoke(Object target, String method, Object... args) {
    return call(target.getClass(), target, method, args);
  }

  private static Object call(Class<?> type, Object target, String method, Object... args) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() == args.length && !m.isBridge()) {
        try {
          return m.invoke(target, args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no method " + method + "/" + args.length + " on " + type);
  }
}
