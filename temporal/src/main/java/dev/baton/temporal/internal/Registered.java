package dev.baton.temporal.internal;

import dev.baton.runtime.Orchestrator;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import java.util.Objects;

/**
 * A runner registered with a worker under a workflow type: the orchestrator of the generated
 * runner (its graph, model, tools and code-agent bodies) and the options of its activities.
 *
 * @param workflowType the workflow type its runs have
 * @param orchestrator the runner's orchestrator
 * @param modelCalls options of model-call activities
 * @param toolCalls options of tool-call activities
 * @param toolListings options of the local activities that list a toolset's tools
 */
public record Registered(String workflowType, Orchestrator orchestrator, ActivityOptions modelCalls,
    ActivityOptions toolCalls, LocalActivityOptions toolListings) {
  /** Checks the components. */
  public Registered {
    Objects.requireNonNull(workflowType, "workflowType");
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(modelCalls, "modelCalls");
    Objects.requireNonNull(toolCalls, "toolCalls");
    Objects.requireNonNull(toolListings, "toolListings");
  }
}
