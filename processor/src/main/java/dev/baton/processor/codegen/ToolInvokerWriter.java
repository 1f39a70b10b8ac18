package dev.baton.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.baton.processor.model.ParamModel;
import dev.baton.processor.model.ToolClassModel;
import dev.baton.processor.model.ToolModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * Writes the invoker of one tool class ({@code BillingToolsTools}): the tools' specs with their
 * compile-time schemas, and a switch over tool names that binds each argument and calls the method
 * directly.
 */
public final class ToolInvokerWriter {
  private ToolInvokerWriter() {}

  /**
   * Writes an invoker.
   *
   * @param c the tool class
   * @return the source file
   */
  public static JavaFile write(ToolClassModel c) {
    ClassName invoker = GeneratedNames.invoker(c.type());
    ClassName toolClass = ClassName.get(c.type());
    String simple = c.type().getSimpleName().toString();

    CodeBlock.Builder specs = CodeBlock.builder().add("$T.of(", Poet.LIST).indent().indent();
    for (int i = 0; i < c.tools().size(); i++) {
      ToolModel t = c.tools().get(i);
      if (t.contextTypes().isEmpty()) {
        specs.add("\nnew $T($S, $S,\n$>$>$S,\n$L, $S)$<$<", Poet.TOOL_SPEC, t.name(), t.description(),
            t.schema(), t.approval(), c.owner());
      } else {
        // The run checks at its start that it holds an object of each @Context type.
        CodeBlock contexts = t.contextTypes().stream().map(n -> CodeBlock.of("$S", n))
            .collect(CodeBlock.joining(", "));
        specs.add("\nnew $T($S, $S,\n$>$>$S,\n$L, $S,\n$T.of($L))$<$<", Poet.TOOL_SPEC, t.name(),
            t.description(), t.schema(), t.approval(), c.owner(), Poet.LIST, contexts);
      }
      specs.add(i + 1 < c.tools().size() ? "," : "");
    }
    specs.add(")").unindent().unindent();

    MethodSpec.Builder invoke = MethodSpec.methodBuilder("invoke")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(Object.class)
        .addParameter(String.class, "tool")
        .addParameter(Poet.TOOL_ARGUMENTS, "arguments")
        .addParameter(Poet.RUN_CONTEXT, "context")
        .addException(Exception.class)
        .beginControlFlow("switch (tool)");
    for (ToolModel t : c.tools()) {
      invoke.addCode(toolCase(t));
    }
    invoke.addStatement("default -> throw new $T($S + tool + $S)", IllegalArgumentException.class,
        "no tool \"", "\" in " + simple);
    invoke.endControlFlow();

    TypeSpec type = TypeSpec.classBuilder(invoker)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(Poet.TOOL_INVOKER)
        .addAnnotation(Poet.GENERATED)
        .addAnnotation(Poet.BATON_GENERATED)
        .addOriginatingElement(c.type())
        .addJavadoc("Calls the {@code @Tool} methods of {@link $T}, without reflection.\n", toolClass)
        .addField(FieldSpec.builder(ParameterizedTypeName.get(Poet.LIST, Poet.TOOL_SPEC), "SPECS",
                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The tools of {@link $T}, with the JSON Schemas of their arguments.\n", toolClass)
            .initializer(specs.build())
            .build())
        .addField(toolClass, "tools", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("@param tools the instance whose tools are called\n")
            .addParameter(toolClass, "tools")
            .addStatement("this.tools = $T.requireNonNull(tools, $S)", Poet.OBJECTS, "tools")
            .build())
        .addMethod(invoke.build())
        .build();
    return JavaFile.builder(invoker.packageName(), type).skipJavaLangImports(true).build();
  }

  private static CodeBlock toolCase(ToolModel t) {
    NameAllocator names = new NameAllocator();
    for (String reserved : List.of("tool", "arguments", "context", "tools")) {
      names.newName(reserved, "reserved " + reserved);
    }
    CodeBlock.Builder b = CodeBlock.builder().beginControlFlow("case $S ->", t.name());
    List<String> locals = new ArrayList<>();
    for (ParamModel p : t.params()) {
      String local = names.newName(p.name(), p);
      locals.add(local);
      TypeName type = TypeName.get(p.type());
      if (p.context()) {
        b.addStatement("$T $N = context.get($T.class)", type, local, TypeName.get(p.type()));
      } else {
        b.addStatement("$T $N = arguments.get($S, $L)", type, local, p.name(),
            TypeExpressions.of(p.type()));
      }
    }
    String args = String.join(", ", locals);
    if (t.method().getReturnType().getKind() == TypeKind.VOID) {
      b.addStatement("tools.$N($L)", t.method().getSimpleName().toString(), args);
      b.addStatement("return null");
    } else {
      b.addStatement("return tools.$N($L)", t.method().getSimpleName().toString(), args);
    }
    return b.endControlFlow().build();
  }
}
