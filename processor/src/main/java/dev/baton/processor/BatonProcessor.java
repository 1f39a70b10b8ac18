package dev.baton.processor;

import com.google.auto.service.AutoService;
import dev.baton.processor.codegen.RunnerWriter;
import dev.baton.processor.codegen.ToolInvokerWriter;
import dev.baton.processor.codegen.GeneratedNames;
import dev.baton.graph.AgentKind;
import dev.baton.processor.model.AgentKinds;
import dev.baton.processor.model.AgentModel;
import dev.baton.processor.model.CallScanner;
import dev.baton.processor.model.Location;
import dev.baton.processor.model.Mirrors;
import dev.baton.processor.model.Names;
import dev.baton.processor.model.SystemModel;
import dev.baton.processor.model.SystemReader;
import dev.baton.processor.model.ToolClassModel;
import dev.baton.processor.validation.ElementValidator;
import dev.baton.processor.validation.GraphValidation;
import dev.baton.processor.validation.Message;
import dev.baton.processor.validation.Report;
import dev.baton.processor.validation.Resolution;
import dev.baton.processor.validation.ToolValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The Baton annotation processor: validates each agent system (an interface or abstract class with
 * {@code @Agent} methods) and generates its runner, the invokers of its tool classes, and a Mermaid
 * diagram of its graph.
 *
 * <p>Each system goes through small stages, stopping at the first whose report has errors: element
 * validation, reading the model, graph validation (the rules shared with the runtime's fluent
 * builder), code generation. Every diagnostic carries a stable code ({@code [Baton/UnknownAgent]})
 * and is reported on the annotation value that causes it. A system that references types not
 * generated yet is deferred to the next round. The processor never crashes javac: an unexpected
 * exception becomes an error on the system's type.
 *
 * <p>Runs with javac's {@code -processor dev.baton.processor.BatonProcessor} or from the
 * processor path; it is isolating for Gradle's incremental compilation.
 */
@AutoService(Processor.class)
public final class BatonProcessor extends AbstractProcessor {
  private static final Set<String> ANNOTATIONS = Set.of(Names.AGENT, Names.HANDOFF,
      Names.HANDOFF_LIST, Names.DELEGATE, Names.DELEGATE_LIST, Names.PARALLEL, Names.TOOL);

  private final Set<String> deferred = new LinkedHashSet<>();
  private final Set<String> done = new HashSet<>();
  private final Set<String> invokersWritten = new HashSet<>();
  private Elements elements;
  private Types types;
  private Filer filer;
  private CallScanner calls;
  private ToolValidator tools;

  /** Creates the processor; javac calls {@link #init} before use. */
  public BatonProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return ANNOTATIONS;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public void init(ProcessingEnvironment env) {
    super.init(env);
    elements = env.getElementUtils();
    types = env.getTypeUtils();
    filer = env.getFiler();
    calls = CallScanner.create(env);
    tools = new ToolValidator(types);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> roots = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement t = elements.getTypeElement(name);
      if (t != null) {
        roots.add(t);
      }
    }
    deferred.clear();
    try {
      checkNotAnAgent(round);
      checkToolClasses(round);
      for (String a : List.of(Names.AGENT, Names.PARALLEL)) {
        for (Element e : elementsAnnotated(round, a)) {
          if (e instanceof ExecutableElement m && AgentKinds.isAgent(m)
              && e.getEnclosingElement() instanceof TypeElement t) {
            roots.add(t);
          }
        }
      }
    } catch (Throwable t) {
      internalError(null, t);
    }
    for (TypeElement root : roots) {
      String name = root.getQualifiedName().toString();
      if (done.contains(name)) {
        continue;
      }
      if (!Resolution.isResolved(root, types)) {
        // A later round may generate the missing type; after the last one, javac reports it.
        if (!round.processingOver()) {
          deferred.add(name);
        }
        continue;
      }
      done.add(name);
      try {
        processSystem(root);
      } catch (Throwable t) {
        internalError(root, t);
      }
    }
    return false;
  }

  private Set<? extends Element> elementsAnnotated(RoundEnvironment round, String annotation) {
    TypeElement type = elements.getTypeElement(annotation);
    return type == null ? Set.of() : round.getElementsAnnotatedWith(type);
  }

  private void processSystem(TypeElement root) throws IOException {
    Report elementReport = new ElementValidator(types, tools).validate(root);
    print(elementReport);
    if (elementReport.hasErrors()) {
      return;
    }
    SystemModel model = new SystemReader(elements, types, calls).read(root);
    if (calls.trees() == null) {
      // Under a compiler without javac's trees (ECJ), say once per code agent what is not checked.
      Report unread = new Report();
      for (AgentModel a : model.agents()) {
        if (a.kind() == AgentKind.CODE) {
          unread.add(Message.CALLS_UNREAD, Location.of(a.method()), a.name());
        }
      }
      print(unread);
    }
    GraphValidation.Result graph = new GraphValidation(types).validate(model);
    boolean valid = !graph.report().hasErrors();
    print(graph.report());
    if (!valid) {
      return;
    }
    for (ToolClassModel c : model.toolClasses()) {
      String invoker = GeneratedNames.invoker(c.type()).canonicalName();
      if (invokersWritten.add(invoker) && elements.getTypeElement(invoker) == null) {
        ToolInvokerWriter.write(c).writeTo(filer);
      }
    }
    new RunnerWriter(types).write(model).writeTo(filer);
    writeMermaid(root, graph.graph().toMermaid());
    writeRunnerIndex(root, GeneratedNames.runner(root).reflectionName());
  }

  // One small file per system, so that frameworks find every runner on the classpath by listing
  // META-INF/baton/*.runner instead of scanning classes; one file per originating element keeps
  // the processor isolating.
  private void writeRunnerIndex(TypeElement root, String runnerBinaryName) throws IOException {
    String path = "META-INF/baton/" + root.getQualifiedName() + ".runner";
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, root);
      try (Writer w = file.openWriter()) {
        w.write("system=" + elements.getBinaryName(root) + "\nrunner=" + runnerBinaryName + "\n");
      }
    } catch (FilerException e) {
      // Already written in this compilation.
    }
  }

  private void writeMermaid(TypeElement root, String mermaid) throws IOException {
    String path = "META-INF/baton/" + root.getQualifiedName() + ".mmd";
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, root);
      try (Writer w = file.openWriter()) {
        w.write(mermaid);
      }
    } catch (FilerException e) {
      // Already written in this compilation (the system was processed before): nothing to add.
    }
  }

  // @Handoff, @Delegate and @Parallel mean nothing on a method without @Agent.
  private void checkNotAnAgent(RoundEnvironment round) {
    Report report = new Report();
    Set<Element> methods = new LinkedHashSet<>();
    for (String a : List.of(Names.HANDOFF, Names.HANDOFF_LIST, Names.DELEGATE, Names.DELEGATE_LIST,
        Names.PARALLEL)) {
      for (Element e : elementsAnnotated(round, a)) {
        if (e instanceof ExecutableElement m && !AgentKinds.isAgent(m)) {
          methods.add(e);
        }
      }
    }
    for (Element e : methods) {
      // One error per annotation family, on its first occurrence (repeated ones too).
      List<AnnotationMirror> handoffs = Mirrors.findRepeated(e, Names.HANDOFF, Names.HANDOFF_LIST);
      List<AnnotationMirror> delegates = Mirrors.findRepeated(e, Names.DELEGATE, Names.DELEGATE_LIST);
      AnnotationMirror parallel = Mirrors.find(e, Names.PARALLEL);
      String method = e.getSimpleName() + "()";
      if (!handoffs.isEmpty()) {
        report.add(Message.NOT_AN_AGENT, Location.of(e, handoffs.get(0)), "Handoff", method);
      }
      if (!delegates.isEmpty()) {
        report.add(Message.NOT_AN_AGENT, Location.of(e, delegates.get(0)), "Delegate", method);
      }
      if (parallel != null) {
        report.add(Message.NOT_AN_AGENT, Location.of(e, parallel), "Parallel", method);
      }
    }
    print(report);
  }

  // Tool classes are checked even when no agent lists them yet, so mistakes show where they are.
  private void checkToolClasses(RoundEnvironment round) {
    for (Element e : elementsAnnotated(round, Names.TOOL)) {
      if (e.getEnclosingElement() instanceof TypeElement cls) {
        print(tools.validate(cls));
      }
    }
  }

  private void print(Report report) {
    report.print(processingEnv.getMessager(), calls.trees());
  }

  private void internalError(TypeElement root, Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    Report report = new Report();
    String subject = root == null ? "this round" : root.getQualifiedName().toString();
    if (root != null) {
      report.add(Message.INTERNAL, Location.of(root), subject, t, trace);
      print(report);
    } else {
      processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR,
          "[Baton/Internal] " + Message.INTERNAL.format(subject, t, trace));
    }
  }

}
