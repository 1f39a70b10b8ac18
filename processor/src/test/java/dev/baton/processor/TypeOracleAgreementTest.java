package dev.baton.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import dev.baton.graph.TypeOracle;
import dev.baton.graph.TypeRef;
import dev.baton.processor.validation.MirrorTypeOracle;
import dev.baton.processor.validation.MirrorTypeRef;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * The compile-time oracle ({@link MirrorTypeOracle}, over {@code javax.lang.model}) and the
 * run-time one ({@link TypeOracle#reflection()}) give the same answer for every pair of a corpus of
 * every allowed type shape, so a graph the processor accepts is one the builder accepts.
 */
class TypeOracleAgreementTest {
  private static final String CORPUS = """
      package com.acme;
      import java.util.*;
      public record Corpus(int i, Integer boxedI, long l, Long boxedL, short s, byte b, char c,
          Character boxedC, double d, Double boxedD, float f, boolean z, Boolean boxedZ,
          String text, Mood mood, Finding finding, Other other, List<String> strings,
          List<Integer> ints, List<Finding> findings, Set<String> stringSet, String[] stringArray,
          int[] intArray, Integer[] boxedArray, long[] longArray, Map<String, Integer> intMap,
          Map<String, String> textMap, Optional<String> maybeText, Optional<Integer> maybeInt,
          List<Optional<String>> maybeTexts, List<List<String>> nested) {
        public enum Mood { HAPPY, SAD }
        public record Finding(String title) {}
        public record Other(String title) {}
      }
      """;

  /** Records the compile-time oracle's answers while javac runs. */
  private static final class MirrorAnswers extends AbstractProcessor {
    final Map<String, Boolean> answers = new LinkedHashMap<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      TypeElement corpus = processingEnv.getElementUtils().getTypeElement("com.acme.Corpus");
      if (corpus == null || !answers.isEmpty()) {
        return false;
      }
      MirrorTypeOracle oracle = new MirrorTypeOracle(processingEnv.getTypeUtils());
      for (RecordComponentElement from : corpus.getRecordComponents()) {
        for (RecordComponentElement to : corpus.getRecordComponents()) {
          TypeRef f = new MirrorTypeRef(from.asType());
          TypeRef t = new MirrorTypeRef(to.asType());
          answers.put(from.getSimpleName() + " -> " + to.getSimpleName(), oracle.isAssignable(f, t));
        }
      }
      return false;
    }
  }

  @Test
  void bothOraclesAgreeOnEveryPair() throws Exception {
    MirrorAnswers mirrors = new MirrorAnswers();
    Compilation c = javac().withProcessors(mirrors)
        .compile(Compilations.source("com.acme.Corpus", CORPUS));
    CompilationSubject.assertThat(c).succeeded();
    Class<?> corpus = new CompiledClasses(c).load("com.acme.Corpus");
    RecordComponent[] components = corpus.getRecordComponents();
    Map<String, Boolean> reflection = new LinkedHashMap<>();
    for (RecordComponent from : components) {
      for (RecordComponent to : components) {
        reflection.put(from.getName() + " -> " + to.getName(), TypeOracle.reflection()
            .isAssignable(TypeRef.of(from.getGenericType()), TypeRef.of(to.getGenericType())));
      }
    }
    assertEquals(components.length * components.length, mirrors.answers.size());
    List<String> disagreements = new ArrayList<>();
    mirrors.answers.forEach((pair, answer) -> {
      if (!answer.equals(reflection.get(pair))) {
        disagreements.add(pair + ": compile time " + answer + ", run time " + reflection.get(pair));
      }
    });
    assertEquals(List.of(), disagreements);
    // The corpus exercises both answers, including boxing.
    assertTrue(mirrors.answers.get("i -> boxedI"));
    assertTrue(mirrors.answers.get("boxedI -> i"));
    assertTrue(!mirrors.answers.get("finding -> other"));
  }
}
