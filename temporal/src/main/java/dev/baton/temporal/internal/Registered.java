package dev.baton.temporal.internal;

import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.Orchestrator;
import io.temporal.activity.ActivityOptions;
import java.lang.reflect.Field;
import java.util.Objects;

/**
 * A runner registered with a worker under a workflow type: the orchestrator of the generated
 * runner (its graph, model, tools and code-agent bodies) and the options of its activities.
 *
 * @param workflowType the workflow type its runs have
 * @param orchestrator the runner's orchestrator
 * @param modelCalls options of model-call activities
 * @param toolCalls options of tool-call activities
 */
public record Registered(String workflowType, Orchestrator orchestrator, ActivityOptions modelCalls,
    ActivityOptions toolCalls) {
  /** Checks the components. */
  public Registered {
    Objects.requireNonNull(workflowType, "workflowType");
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(modelCalls, "modelCalls");
    Objects.requireNonNull(toolCalls, "toolCalls");
  }

  /**
   * The orchestrator inside a generated runner. Generated runners keep it in a private final field
   * and offer no accessor (their public surface is the user's interface); reading the field once at
   * registration keeps generated code unchanged.
   *
   * @throws IllegalArgumentException if {@code runner} is not a generated runner
   */
  public static Orchestrator orchestratorOf(AgentRunner<?> runner) {
    for (Class<?> c = runner.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == Orchestrator.class && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          try {
            f.setAccessible(true);
            return (Orchestrator) f.get(runner);
          } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the orchestrator of " + c.getName()
                + ": " + e.getMessage(), e);
          }
        }
      }
    }
    throw new IllegalArgumentException(runner.getClass().getName() + " is not a generated Baton"
        + " runner (it holds no Orchestrator); register the runner the processor generated");
  }
}
