package dev.baton.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.baton.History;
import dev.baton.graph.AgentKind;
import dev.baton.processor.model.AgentModel;
import dev.baton.processor.model.EdgeModel;
import dev.baton.processor.model.Mirrors;
import dev.baton.processor.model.ParamModel;
import dev.baton.processor.model.ParallelModel;
import dev.baton.processor.model.SystemModel;
import dev.baton.processor.model.ToolClassModel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Types;

/**
 * Writes the runner of an agent system ({@code SupportRunner}): the graph built once through the
 * fluent builder with compile-time schemas, one override per agent method that calls into the
 * {@code Orchestrator}, the {@code AgentRunner} methods, and a builder with one setter per tool
 * class. The runner holds wiring and constants only; the runtime holds the logic.
 */
public final class RunnerWriter {
  private final Types types;

  /** @param types the type utilities (to override methods as members of the system type) */
  public RunnerWriter(Types types) {
    this.types = types;
  }

  /**
   * Writes a runner.
   *
   * @param model the validated system
   * @return the source file
   */
  public JavaFile write(SystemModel model) {
    ClassName runner = GeneratedNames.runner(model.type());
    ClassName system = ClassName.get(model.type());
    NameAllocator constants = new NameAllocator();
    constants.newName("GRAPH", "GRAPH");

    TypeSpec.Builder type = TypeSpec.classBuilder(runner)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(Poet.GENERATED)
        .addAnnotation(Poet.BATON_GENERATED)
        // Exactly one originating element per file, as Gradle's isolating mode requires.
        .addOriginatingElement(model.type())
        .avoidClashesWithNestedClasses(model.type())
        .addJavadoc("The runner of {@link $T}, generated from its annotations.\n\n", system)
        .addJavadoc("<p>Create it with {@link #builder()}; every agent method runs through the"
            + " Baton runtime.\n");
    if (model.isInterface()) {
      type.addSuperinterface(system);
    } else {
      type.superclass(system);
    }
    type.addSuperinterface(ParameterizedTypeName.get(Poet.AGENT_RUNNER, system));

    // One constant per distinct schema text: agents with the same parameters share it.
    Map<String, String[]> schemaConstants = new LinkedHashMap<>();
    Map<String, String> constantOfSchema = new HashMap<>();
    for (AgentModel a : model.agents()) {
      String base = upperSnake(a.name());
      String in = schemaConstant(type, constants, constantOfSchema, base + "_INPUT", a.inputSchema());
      String out = a.outputSchema().isEmpty() ? null
          : schemaConstant(type, constants, constantOfSchema, base + "_OUTPUT", a.outputSchema());
      schemaConstants.put(a.name(), new String[] {in, out});
    }
    type.addField(FieldSpec.builder(Poet.AGENT_GRAPH, "GRAPH", Modifier.PRIVATE, Modifier.STATIC,
            Modifier.FINAL)
        .initializer(graph(model, schemaConstants))
        .build());
    type.addField(Poet.ORCHESTRATOR, "orchestrator", Modifier.PRIVATE, Modifier.FINAL);
    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(Poet.ORCHESTRATOR, "orchestrator")
        .addStatement("this.orchestrator = orchestrator")
        .build());
    if (hasCodeAgents(model)) {
      type.addMethod(codeAgentConstructor(model));
    }

    for (AgentModel a : model.agents()) {
      type.addMethod(agentMethod(model, a));
    }
    runnerMethods(type, runner, system);
    ClassName builder = runner.nestedClass("Builder");
    type.addMethod(MethodSpec.methodBuilder("builder")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Starts a runner: set the model, and optionally options and tool instances.\n")
        .returns(builder)
        .addStatement("return new $T()", builder)
        .build());
    type.addType(builderType(model, runner, builder));
    return JavaFile.builder(runner.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static String schemaConstant(TypeSpec.Builder type, NameAllocator constants,
      Map<String, String> constantOfSchema, String name, String schema) {
    String existing = constantOfSchema.get(schema);
    if (existing != null) {
      return existing;
    }
    String constant = constants.newName(name);
    constantOfSchema.put(schema, constant);
    type.addField(FieldSpec.builder(String.class, constant, Modifier.PRIVATE, Modifier.STATIC,
        Modifier.FINAL).initializer("$S", schema).build());
    return constant;
  }

  // The processor validated the graph at compile time; graph() builds it without validating again,
  // so class loading never re-runs the rules (a disagreement would be an ExceptionInInitializerError).
  private static CodeBlock graph(SystemModel model, Map<String, String[]> schemaConstants) {
    // Continuation lines are indented by four spaces, lambda bodies by four more.
    CodeBlock.Builder c = CodeBlock.builder().add("$T.builder($S)", Poet.AGENT_GRAPH, model.name())
        .indent().indent();
    for (AgentModel a : model.agents()) {
      String method = switch (a.kind()) {
        case LLM -> "llmAgent";
        case CODE -> "codeAgent";
        case FAN_OUT -> "fanOut";
      };
      c.add("\n.$L($S, a -> a", method, a.name()).indent().indent();
      if (!a.instructions().isEmpty()) {
        c.add("\n.instructions($S)", a.instructions());
      }
      if (!a.description().isEmpty()) {
        c.add("\n.description($S)", a.description());
      }
      if (!a.prompt().isEmpty()) {
        c.add("\n.prompt($S)", a.prompt());
      }
      if (!a.model().isEmpty()) {
        c.add("\n.model($S)", a.model());
      }
      if (a.history() != History.CONVERSATION) {
        c.add("\n.history($T.$L)", Poet.HISTORY, a.history().name());
      }
      if (a.maxTurns() != 10) {
        c.add("\n.maxTurns($L)", a.maxTurns());
      }
      ParallelModel p = a.parallel();
      if (p != null) {
        c.add("\n.parallel($L)", p.agents().stream().map(s -> CodeBlock.of("$S", s).toString())
            .collect(Collectors.joining(", ")));
        if (!p.timeout().isEmpty()) {
          c.add("\n.timeout($S)", p.timeout());
        }
        if (p.failFast()) {
          c.add("\n.failFast(true)");
        }
        if (!p.over().isEmpty()) {
          c.add("\n.over($S)", p.over());
        }
        if (p.maxConcurrency() != 0) {
          c.add("\n.maxConcurrency($L)", p.maxConcurrency());
        }
      }
      for (ParamModel in : a.params()) {
        if (in.description().isEmpty()) {
          c.add("\n.input($S, $L)", in.name(), TypeExpressions.of(in.type()));
        } else {
          c.add("\n.input($S, $L, $S)", in.name(), TypeExpressions.of(in.type()), in.description());
        }
      }
      if (!TypeExpressions.isString(a.output())) {
        c.add("\n.output($L)", TypeExpressions.of(a.output()));
      }
      String[] schemas = schemaConstants.get(a.name());
      c.add("\n.inputSchema($N)", schemas[0]);
      if (schemas[1] != null) {
        c.add("\n.outputSchema($N)", schemas[1]);
      }
      for (TypeElement t : a.toolClasses()) {
        c.add("\n.tools($T.SPECS)", GeneratedNames.invoker(t));
      }
      List<String> toolsets = Mirrors.strings(a.mirror(), "toolsets");
      if (!toolsets.isEmpty()) {
        c.add("\n.toolsets($L)", toolsets.stream().map(s -> CodeBlock.of("$S", s))
            .collect(CodeBlock.joining(", ")));
      }
      c.add(")").unindent().unindent();
    }
    for (EdgeModel e : model.edges()) {
      switch (e.kind()) {
        case HANDOFF, HANDOFF_BACK -> {
          boolean back = e.kind() == dev.baton.graph.EdgeKind.HANDOFF_BACK;
          if (e.description().isEmpty()) {
            c.add("\n.handoff($S, $S, $L)", e.from(), e.to(), back);
          } else {
            c.add("\n.handoff($S, $S, $L, $S)", e.from(), e.to(), back, e.description());
          }
        }
        case DELEGATE -> {
          if (e.tool().isEmpty() && e.description().isEmpty()) {
            c.add("\n.delegate($S, $S)", e.from(), e.to());
          } else {
            c.add("\n.delegate($S, $S, $S, $S)", e.from(), e.to(), e.tool(), e.description());
          }
        }
        case CALL -> c.add("\n.call($S, $S)", e.from(), e.to());
        case BRANCH -> { }
      }
    }
    return c.add("\n.graph()").unindent().unindent().build();
  }

  private static boolean hasCodeAgents(SystemModel model) {
    return model.agents().stream().anyMatch(a -> a.kind() == AgentKind.CODE);
  }

  // The one place a code agent's body appears: the orchestrator runs it wherever the agent is
  // reached (a call to its method, a fan-out branch, a handoff or delegate target, a resumed entry).
  // It captures this runner, so its sibling calls come back through it.
  private static MethodSpec codeAgentConstructor(SystemModel model) {
    MethodSpec.Builder m = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(Poet.ORCHESTRATOR.nestedClass("Builder"), "orchestrator");
    CodeBlock.Builder wiring = CodeBlock.builder().add("this.orchestrator = orchestrator");
    boolean unchecked = false;
    for (AgentModel a : model.agents()) {
      if (a.kind() != AgentKind.CODE) {
        continue;
      }
      unchecked |= castsGenerics(a);
      CodeBlock body = model.isInterface()
          ? CodeBlock.of("$T.super.$N($L)", ClassName.get(model.type()), a.methodName(), castArguments(a))
          : CodeBlock.of("super.$N($L)", a.methodName(), castArguments(a));
      wiring.add("\n.codeAgent($S, (self, arguments) -> $L)", a.name(), body);
    }
    m.addStatement("$L", wiring.add("\n.build()").build());
    if (unchecked) {
      m.addAnnotation(UNCHECKED);
    }
    return m.build();
  }

  // The arguments were journaled or passed from calls with exactly these types.
  private static final AnnotationSpec UNCHECKED = AnnotationSpec.builder(SuppressWarnings.class)
      .addMember("value", "$S", "unchecked").build();

  /** {@code (String) arguments[0], (List<String>) arguments[1]}: an agent's arguments, typed. */
  private static CodeBlock castArguments(AgentModel a) {
    CodeBlock.Builder args = CodeBlock.builder();
    for (int i = 0; i < a.params().size(); i++) {
      args.add(i == 0 ? "" : ", ").add("($T) arguments[$L]", TypeName.get(a.params().get(i).type()), i);
    }
    return args.build();
  }

  /** Whether casting the agent's arguments is unchecked (a parameter has type arguments). */
  private static boolean castsGenerics(AgentModel a) {
    return a.params().stream().anyMatch(p ->
        p.type() instanceof DeclaredType d && !d.getTypeArguments().isEmpty());
  }

  private MethodSpec agentMethod(SystemModel model, AgentModel a) {
    MethodSpec.Builder m = MethodSpec.overriding(a.method(), (DeclaredType) model.type().asType(), types);
    if (Mirrors.has(a.method(), "java.lang.Deprecated")) {
      m.addAnnotation(Deprecated.class); // a deprecated override of a deprecated method is not warned about
    }
    String args = a.params().stream().map(ParamModel::name).collect(Collectors.joining(", "));
    // A code agent's body is registered once, in the constructor; the orchestrator runs it.
    m.addStatement("return orchestrator.call($S, new Object[] {$L})", a.name(), args);
    return m.build();
  }

  private static void runnerMethods(TypeSpec.Builder type, ClassName runner, ClassName system) {
    TypeVariableName r = TypeVariableName.get("R");
    type.addMethod(MethodSpec.methodBuilder("graph")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(Poet.AGENT_GRAPH)
        .addStatement("return GRAPH")
        .build());
    type.addMethod(MethodSpec.methodBuilder("orchestrator")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(Poet.ORCHESTRATOR)
        .addStatement("return orchestrator")
        .build());
    type.addMethod(MethodSpec.methodBuilder("start")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addTypeVariable(r)
        .returns(ParameterizedTypeName.get(Poet.RUN, r))
        .addParameter(ParameterizedTypeName.get(Poet.FUNCTION, WildcardTypeName.supertypeOf(system),
            WildcardTypeName.subtypeOf(r)), "call")
        .addStatement("$T.requireNonNull(call, $S)", Poet.OBJECTS, "call")
        .addStatement("return orchestrator.start(() -> call.apply(this))")
        .build());
    type.addMethod(MethodSpec.methodBuilder("with")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(runner)
        .addParameter(Poet.RUN_OPTIONS, "options")
        .addStatement("return new $T(orchestrator.with(options))", runner)
        .build());
    type.addMethod(MethodSpec.methodBuilder("resume")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(Poet.RUN, ClassName.OBJECT))
        .addParameter(Poet.RUN_STATE, "state")
        .addStatement("return orchestrator.resume(state)")
        .build());
  }

  private static TypeSpec builderType(SystemModel model, ClassName runner, ClassName builder) {
    NameAllocator names = new NameAllocator();
    names.newName("model", "model");
    names.newName("options", "options");
    names.newName("build", "build");
    names.newName("orchestrator", "orchestrator");
    names.newName("toolClass", "toolClass");
    names.newName("toolClasses", "toolClasses");
    names.newName("instance", "instance");
    names.newName("tool", "tool");
    names.newName("t", "t");
    ClassName system = ClassName.get(model.type());
    TypeSpec.Builder b = TypeSpec.classBuilder(builder)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(Poet.RUNNER_BUILDER, system))
        .addJavadoc("Builds a {@link $T}.\n", runner)
        .addField(Poet.MODEL, "model", Modifier.PRIVATE)
        .addField(FieldSpec.builder(Poet.RUN_OPTIONS, "options", Modifier.PRIVATE)
            .initializer("$T.defaults()", Poet.RUN_OPTIONS).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("model")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("Sets the model every LLM agent calls.\n\n@param model the model\n@return this\n")
            .returns(builder)
            .addParameter(Poet.MODEL, "model")
            .addStatement("this.model = $T.requireNonNull(model, $S)", Poet.OBJECTS, "model")
            .addStatement("return this")
            .build())
        .addMethod(MethodSpec.methodBuilder("options")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("Sets the options of runs.\n\n@param options the options\n@return this\n")
            .returns(builder)
            .addParameter(Poet.RUN_OPTIONS, "options")
            .addStatement("this.options = $T.requireNonNull(options, $S)", Poet.OBJECTS, "options")
            .addStatement("return this")
            .build());

    MethodSpec.Builder build = MethodSpec.methodBuilder("build")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Builds the runner.\n\n@return the runner\n@throws IllegalStateException if the"
            + " model is missing, or an instance of a tool class\n    that cannot be created\n")
        .returns(runner);
    CodeBlock.Builder wiring = CodeBlock.builder()
        .add("$T.Builder orchestrator = $T.builder(GRAPH).options(options)", Poet.ORCHESTRATOR,
            Poet.ORCHESTRATOR);
    CodeBlock.Builder toolClasses = CodeBlock.builder();
    MethodSpec.Builder setTool = MethodSpec.methodBuilder("tool")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Sets the instance of one tool class, for callers that see only {@code RunnerBuilder}.\n\n"
            + "@param toolClass one of {@link #toolClasses()}\n@param instance an instance of it\n"
            + "@return this\n@throws IllegalArgumentException if {@code toolClass} is not a tool class"
            + " of this system\n    or {@code instance} is not an instance of it\n")
        .returns(builder)
        .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)), "toolClass")
        .addParameter(Object.class, "instance")
        .addStatement("$T.requireNonNull(instance, $S)", Poet.OBJECTS, "instance");
    for (ToolClassModel c : model.toolClasses()) {
      ClassName tool = ClassName.get(c.type());
      String field = names.newName(lowerCamel(String.join("", tool.simpleNames())), c);
      toolClasses.add(toolClasses.isEmpty() ? "$T.class" : ", $T.class", tool);
      setTool.beginControlFlow("if (toolClass == $T.class && instance instanceof $T t)", tool, tool)
          .addStatement("return $N(t)", field)
          .endControlFlow();
      b.addField(tool, field, Modifier.PRIVATE);
      b.addMethod(MethodSpec.methodBuilder(field)
          .addModifiers(Modifier.PUBLIC)
          .addJavadoc(c.instantiable()
              ? CodeBlock.of("Sets the instance whose {@code @Tool} methods the agents call; by"
                  + " default a new {@link $T}.\n", tool)
              : CodeBlock.of("Sets the instance whose {@code @Tool} methods the agents call; required,"
                  + "\nbecause {@link $T} has no no-argument constructor this runner can call.\n", tool))
          .addJavadoc("\n@param $N the instance\n@return this\n", field)
          .returns(builder)
          .addParameter(tool, field)
          .addStatement("this.$N = $T.requireNonNull($N, $S)", field, Poet.OBJECTS, field, field)
          .addStatement("return this")
          .build());
      if (c.instantiable()) {
        build.addStatement("$T $N = this.$N != null ? this.$N : new $T()", tool, field, field, field, tool);
      } else {
        build.beginControlFlow("if ($N == null)", field)
            .addStatement("throw new $T($S)", IllegalStateException.class,
                "no " + tool.simpleName() + " instance for " + model.name() + ": "
                    + tool.simpleName() + " has no no-argument constructor this runner can call, so pass one with "
                    + runner.simpleName() + ".builder()." + field + "(...)")
            .endControlFlow();
      }
      wiring.add("\n.tools($S, new $T($N))", c.owner(), GeneratedNames.invoker(c.type()), field);
    }
    b.addMethod(MethodSpec.methodBuilder("toolClasses")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The tool classes of this system, in declaration order.\n\n@return the classes\n")
        .returns(ParameterizedTypeName.get(ClassName.get(List.class),
            ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class))))
        .addStatement("return $T.of($L)", List.class, toolClasses.build())
        .build());
    setTool.addStatement("throw new $T($S + toolClass.getName() + $S + instance.getClass().getName())",
        IllegalArgumentException.class, "not a tool class of " + model.name() + " with a matching instance: ",
        " given ");
    b.addMethod(setTool.build());
    build.addStatement("$L", wiring.build());
    List<String> toolsetNames = model.agents().stream()
        .flatMap(a -> Mirrors.strings(a.mirror(), "toolsets").stream()).distinct().toList();
    if (!toolsetNames.isEmpty()) {
      ClassName toolset = ClassName.get("dev.baton.runtime", "Toolset");
      CodeBlock listed = toolsetNames.stream().map(n -> CodeBlock.of("$S", n))
          .collect(CodeBlock.joining(", "));
      b.addMethod(MethodSpec.methodBuilder("toolsets")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .addJavadoc("The toolset names the agents list, each once.\n\n@return the names\n")
          .returns(ParameterizedTypeName.get(List.class, String.class))
          .addStatement("return $T.of($L)", List.class, listed)
          .build());
      String field = names.newName("toolsets", "toolsets");
      b.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(Map.class),
              ClassName.get(String.class), toolset), field, Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $T<>()", LinkedHashMap.class).build());
      b.addMethod(MethodSpec.methodBuilder("toolset")
          .addModifiers(Modifier.PUBLIC)
          .addAnnotation(Override.class)
          .addJavadoc("Binds a toolset named in {@code @Agent(toolsets = ...)}, e.g. an MCP server's"
              + " tools.\n\n@param name the toolset name\n@param toolset its tools\n@return this\n"
              + "@throws IllegalArgumentException if no agent lists {@code name}\n")
          .returns(builder)
          .addParameter(String.class, "name")
          .addParameter(toolset, "toolset")
          .beginControlFlow("if (!toolsets().contains(name))")
          .addStatement("throw new $T($S + name + $S)", IllegalArgumentException.class,
              "no agent of " + model.name() + " lists toolset \"", "\"; its toolsets are " + toolsetNames)
          .endControlFlow()
          .addStatement("$N.put($T.requireNonNull(name, $S), $T.requireNonNull(toolset, $S))", field,
              Poet.OBJECTS, "name", Poet.OBJECTS, "toolset")
          .addStatement("return this")
          .build());
      build.addStatement("$N.forEach(orchestrator::toolset)", field);
    }
    build.beginControlFlow("if (model != null)")
        .addStatement("orchestrator.model(model)")
        .endControlFlow()
        .addStatement(hasCodeAgents(model) ? "return new $T(orchestrator)" : "return new $T(orchestrator.build())",
            runner);
    return b.addMethod(build.build()).build();
  }

  static String upperSnake(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9_]", "_")
        .toUpperCase(Locale.ROOT);
  }

  static String lowerCamel(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

}
