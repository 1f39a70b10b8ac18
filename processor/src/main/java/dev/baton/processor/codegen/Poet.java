package dev.baton.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;

/** Types and annotations every generated file uses. */
final class Poet {
  private Poet() {}

  static final String PROCESSOR = "dev.baton.processor.BatonProcessor";

  static final ClassName AGENT_GRAPH = ClassName.get("dev.baton.graph", "AgentGraph");
  static final ClassName TOOL_SPEC = ClassName.get("dev.baton.graph", "ToolSpec");
  static final ClassName HISTORY = ClassName.get("dev.baton", "History");
  static final ClassName ORCHESTRATOR = ClassName.get("dev.baton.runtime", "Orchestrator");
  static final ClassName AGENT_RUNNER = ClassName.get("dev.baton.runtime", "AgentRunner");
  static final ClassName RUN = ClassName.get("dev.baton.runtime", "Run");
  static final ClassName RUN_OPTIONS = ClassName.get("dev.baton.runtime", "RunOptions");
  static final ClassName RUNNER_BUILDER = ClassName.get("dev.baton.runtime", "RunnerBuilder");
  static final ClassName RUN_STATE = ClassName.get("dev.baton.runtime", "RunState");
  static final ClassName RUN_CONTEXT = ClassName.get("dev.baton.runtime", "RunContext");
  static final ClassName TOOL_INVOKER = ClassName.get("dev.baton.runtime", "ToolInvoker");
  static final ClassName TOOL_ARGUMENTS = ClassName.get("dev.baton.runtime", "ToolArguments");
  static final ClassName MODEL = ClassName.get("dev.baton.runtime.model", "Model");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName FUNCTION = ClassName.get("java.util.function", "Function");

  /** {@code @Generated("dev.baton.processor.BatonProcessor")}, without a date (reproducible). */
  static final AnnotationSpec GENERATED =
      AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", PROCESSOR)
          .build();

  /** {@code @BatonGenerated}, retained in class files so coverage tools skip the class. */
  static final AnnotationSpec BATON_GENERATED =
      AnnotationSpec.builder(ClassName.get("dev.baton", "BatonGenerated")).build();
}
