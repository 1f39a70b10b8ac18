package dev.baton.runtime;

import dev.baton.runtime.model.Model;
import java.util.List;

/**
 * The builder of a generated runner, seen without its generated type: what frameworks (a Spring
 * application context, a Temporal worker) need to build any runner they find. Every generated
 * {@code XRunner.Builder} implements it; application code usually calls the generated builder's own
 * typed setters instead.
 *
 * <pre>{@code
 * RunnerBuilder<Support> b = SupportRunner.builder();
 * for (Class<?> toolClass : b.toolClasses()) {
 *   b.tool(toolClass, container.instanceOf(toolClass));
 * }
 * Support support = (Support) b.model(model).build();
 * }</pre>
 *
 * <p>Not thread-safe: use one builder from one thread, as with every builder.
 *
 * @param <T> the agent-system interface the runner implements
 */
public interface RunnerBuilder<T> {
  /**
   * Sets the model every LLM agent calls.
   *
   * @param model the model
   * @return this builder
   */
  RunnerBuilder<T> model(Model model);

  /**
   * Sets the options of runs.
   *
   * @param options the options
   * @return this builder
   */
  RunnerBuilder<T> options(RunOptions options);

  /**
   * The classes named in {@code @Agent(tools = ...)} anywhere in the system, in declaration order,
   * each once: the classes {@link #tool(Class, Object)} accepts.
   *
   * @return the tool classes; empty if no agent has tools
   */
  List<Class<?>> toolClasses();

  /**
   * Sets the instance whose {@code @Tool} methods the agents call for one tool class, in place of
   * the instance the runner would create with the class's public no-argument constructor.
   *
   * @param toolClass one of {@link #toolClasses()}
   * @param instance an instance of {@code toolClass}
   * @return this builder
   * @throws IllegalArgumentException if {@code toolClass} is not a tool class of this system or
   *     {@code instance} is not an instance of it
   */
  RunnerBuilder<T> tool(Class<?> toolClass, Object instance);

  /**
   * The toolset names that agents of the system list in {@code @Agent(toolsets = ...)}, in
   * declaration order, each once: the names {@link #toolset(String, Toolset)} accepts.
   *
   * @return the names; empty if no agent lists a toolset
   */
  default List<String> toolsets() {
    return List.of();
  }

  /**
   * Binds a toolset that agents of the system name.
   *
   * @param name one of {@link #toolsets()}
   * @param toolset its tools, e.g. an MCP server's
   * @return this builder
   * @throws IllegalArgumentException if no agent of the system names {@code name}
   */
  default RunnerBuilder<T> toolset(String name, Toolset toolset) {
    throw new IllegalArgumentException("no agent of this system lists toolset \"" + name + "\"");
  }

  /**
   * Builds the runner; it implements {@code T}.
   *
   * @return the runner
   * @throws IllegalStateException if a tool class has no public no-argument constructor and no
   *     instance was set
   */
  AgentRunner<T> build();
}
