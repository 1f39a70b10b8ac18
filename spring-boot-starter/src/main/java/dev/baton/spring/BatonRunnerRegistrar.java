package dev.baton.spring;

import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunnerBuilder;
import dev.baton.runtime.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * Registers every generated runner on the classpath as a bean of its agent-system interface. It
 * finds runners through the index the annotation processor writes ({@code
 * META-INF/baton/<system>.runner}, one small file per system), so start-up lists one folder per
 * jar instead of scanning classes. A system the application already has a bean of, or that
 * {@code baton.runners.exclude} names, is skipped.
 *
 * <p>Each runner is built when its bean is first needed: the {@link Model} bean, the {@link
 * RunOptions} bean, a bean of each tool class where the context has exactly one (so tools get
 * dependency injection and transactions; other tool classes are created by the runner as without
 * Spring), then every {@link BatonRunnerCustomizer}.
 */
final class BatonRunnerRegistrar implements BeanDefinitionRegistryPostProcessor, Ordered {
  static final String INDEX = "classpath*:META-INF/baton/*.runner";

  private final Set<String> excluded;
  private final ClassLoader classLoader;

  BatonRunnerRegistrar(List<String> excluded, ClassLoader classLoader) {
    this.excluded = new HashSet<>(excluded);
    this.classLoader = classLoader != null ? classLoader : ClassUtils.getDefaultClassLoader();
  }

  @Override
  public int getOrder() {
    // After the configuration-class processor, so the application's own beans are known.
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
    List<Indexed> runners = index();
    // A name that matches no runner (a typo, a moved interface) would leave the bean it meant to
    // exclude in place: refuse it.
    Set<String> unknown = new java.util.TreeSet<>(excluded);
    runners.forEach(r -> unknown.remove(r.system().getName()));
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("baton.runners.exclude names " + unknown + ", which "
          + (unknown.size() == 1 ? "is" : "are") + " not an agent-system interface with a generated"
          + " runner on the classpath; the runners found are for "
          + runners.stream().map(r -> r.system().getName()).sorted().toList());
    }
    for (Indexed runner : runners) {
      if (excluded.contains(runner.system().getName()) || hasBeanOf(registry, runner.system())) {
        continue;
      }
      String name = beanName(registry, runner.system());
      RootBeanDefinition definition = new RootBeanDefinition(runner.system());
      BeanFactory factory = (BeanFactory) registry;
      definition.setInstanceSupplier(() -> build(runner, factory));
      registry.registerBeanDefinition(name, definition);
    }
  }

  private record Indexed(Class<?> system, Class<?> runner, String source) {}

  private List<Indexed> index() {
    Resource[] resources;
    try {
      resources = new PathMatchingResourcePatternResolver(classLoader).getResources(INDEX);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the Baton runner index " + INDEX, e);
    }
    return java.util.Arrays.stream(resources).map(this::read).toList();
  }

  private Indexed read(Resource resource) {
    Properties p = new Properties();
    try (InputStream in = resource.getInputStream()) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Baton runner index " + resource, e);
    }
    String system = p.getProperty("system");
    String runner = p.getProperty("runner");
    if (system == null || runner == null) {
      throw new IllegalStateException("the Baton runner index " + resource
          + " names no system or runner; rebuild the project with the current baton-processor");
    }
    try {
      return new Indexed(ClassUtils.forName(system, classLoader), ClassUtils.forName(runner, classLoader),
          resource.getDescription());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("the Baton runner index " + resource + " names " + runner
          + " for " + system + ", which cannot be loaded; rebuild the project", e);
    }
  }

  private static boolean hasBeanOf(BeanDefinitionRegistry registry, Class<?> system) {
    return registry instanceof ListableBeanFactory f && f.getBeanNamesForType(system, true, false).length > 0;
  }

  private static String beanName(BeanDefinitionRegistry registry, Class<?> system) {
    String simple = system.getSimpleName();
    String name = Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    return registry.containsBeanDefinition(name) ? system.getName() : name;
  }

  private static Object build(Indexed indexed, BeanFactory factory) {
    RunnerBuilder<?> builder = newBuilder(indexed);
    Model model = factory.getBeanProvider(Model.class).getIfAvailable();
    if (model == null) {
      throw new IllegalStateException(indexed.system().getName() + " needs a model: set"
          + " baton.openai.base-url (and baton.openai.api-key where the server wants one),"
          + " or define a bean of type " + Model.class.getName());
    }
    builder.model(model);
    builder.options(factory.getBeanProvider(RunOptions.class).getIfAvailable(RunOptions::defaults));
    for (Class<?> toolClass : builder.toolClasses()) {
      Object tool = factory.getBeanProvider(toolClass).getIfUnique();
      if (tool != null) {
        builder.tool(toolClass, tool);
      }
    }
    factory.getBeanProvider(BatonRunnerCustomizer.class).orderedStream()
        .forEach(c -> c.customize(indexed.system(), builder));
    AgentRunner<?> runner = builder.build();
    return indexed.system().cast(runner);
  }

  private static RunnerBuilder<?> newBuilder(Indexed indexed) {
    try {
      Object builder = indexed.runner().getMethod("builder").invoke(null);
      if (builder instanceof RunnerBuilder<?> b) {
        return b;
      }
      throw new IllegalStateException(indexed.runner().getName() + ".builder() is not a "
          + RunnerBuilder.class.getName() + "; rebuild the project with the current baton-processor");
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException(indexed.runner().getName() + " has no public builder(); rebuild"
          + " the project with the current baton-processor", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(indexed.runner().getName() + ".builder() failed", e.getCause());
    }
  }
}
