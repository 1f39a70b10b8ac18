package dev.baton.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor. */
final class Compilations {
  private Compilations() {}

  /**
   * A source file from a text block.
   *
   * @param qualifiedName the top-level type's name, e.g. {@code com.acme.Support}
   * @param code the source
   * @return the file
   */
  static JavaFileObject source(String qualifiedName, String code) {
    return JavaFileObjects.forSourceString(qualifiedName, code);
  }

  /**
   * An agent system {@code com.acme.Support} whose body is {@code members}, with the Baton
   * annotations and {@code java.util} imported.
   *
   * @param members the interface's members
   * @return the file
   */
  static JavaFileObject support(String members) {
    return source("com.acme.Support", """
        package com.acme;

        import dev.baton.*;
        import java.util.*;

        public interface Support {
        %s
        }
        """.formatted(members.indent(2).stripTrailing()));
  }

  /**
   * Asserts that a compilation failed with exactly one error, with a code, on a line.
   *
   * @param c the compilation
   * @param code the expected code, e.g. {@code UnknownAgent}
   * @param file the file's name relative to the source path, e.g. {@code com/acme/Support.java}
   * @param line a substring of exactly one line of that file
   */
  static void assertOneError(Compilation c, String code, String file, String line) {
    CompilationSubject.assertThat(c).failed();
    CompilationSubject.assertThat(c).hadErrorCount(1);
    CompilationSubject.assertThat(c).hadErrorContaining("[Baton/" + code + "]")
        .inFile(find(c, file)).onLineContaining(line);
  }

  /** {@link #assertOneError} in {@code com/acme/Support.java}. */
  static void assertOneError(Compilation c, String code, String line) {
    assertOneError(c, code, "com/acme/Support.java", line);
  }

  private static JavaFileObject find(Compilation c, String file) {
    return c.sourceFiles().stream().filter(f -> f.toUri().getPath().endsWith(file)).findFirst()
        .orElseThrow(() -> new AssertionError("no source " + file));
  }

  /**
   * Compiles with the processor and every lint warning on, except javac's note that no processor
   * claimed the annotations: the processor returns false on purpose, so others may see them.
   */
  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new BatonProcessor()).withOptions("-Xlint:all,-processing")
        .compile(sources);
  }

  /** The text of a generated source. */
  static String generated(Compilation c, String qualifiedName) {
    JavaFileObject f = c.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("no generated " + qualifiedName + " in "
            + c.generatedSourceFiles().stream().map(JavaFileObject::getName).toList()
            + "\n" + c.diagnostics()));
    try {
      return f.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
