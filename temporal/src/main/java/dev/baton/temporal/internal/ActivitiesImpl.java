package dev.baton.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.AgentException;
import dev.baton.runtime.ModelBehaviorException;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.ToolArgumentException;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.ToolInvoker;
import dev.baton.runtime.Toolset;
import dev.baton.runtime.internal.Json;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Model and tool calls on the worker, where the model client (and its API key) and the tool
 * instances live. Each call runs on a virtual thread while the activity heartbeats, so that a
 * cancelled activity (a branch that timed out, a cancelled run) interrupts the model call or tool,
 * and a worker that dies is noticed within the heartbeat timeout.
 */
public final class ActivitiesImpl implements BatonActivities {
  private final Registry registry;

  /** Activities serving the runners of {@code registry}. */
  public ActivitiesImpl(Registry registry) {
    this.registry = registry;
  }

  private Registered runner(String workflowType) {
    Registered r = registry.get(workflowType);
    if (r == null) {
      throw ApplicationFailure.newNonRetryableFailure("no Baton runner is registered for workflow"
          + " type \"" + workflowType + "\" on this worker; registered: " + registry.types(),
          "UnknownWorkflowType");
    }
    return r;
  }

  @Override
  public String callModel(String workflowType, String requestJson) {
    Registered r = runner(workflowType);
    Model model = r.orchestrator().model().orElseThrow(() -> ApplicationFailure
        .newNonRetryableFailure("runner " + workflowType + " has no model", "NoModel"));
    ModelRequest request = Payloads.request(requestJson);
    ModelResponse response;
    try {
      response = heartbeating(() -> model.respond(request, ModelListener.NONE));
    } catch (AgentException e) {
      // Carried with its type and fields, and without its cause, which may quote a server.
      throw AgentFailures.encode(e, true);
    } catch (ApplicationFailure e) {
      throw e;
    } catch (RuntimeException e) {
      // Another client's exception: its type and message as a run in process reports them; its
      // causes stay on the worker.
      throw ApplicationFailure.newFailure(e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), e.getClass().getName());
    }
    if (response == null) {
      throw AgentFailures.encode(new ModelBehaviorException(request.runId(), request.path(),
          "the model returned no response", null), false);
    }
    return Payloads.response(response);
  }

  @Override
  public String callTool(String workflowType, String callJson) {
    Registered r = runner(workflowType);
    JsonNode call = Json.tree(callJson);
    String tool = call.path("tool").asText();
    Target target = target(workflowType, r, call);
    RunContext context = new ActivityRunContext(call.path("runId").asText(),
        call.path("path").asText(), r.orchestrator().options().context());
    ObjectNode out = Json.mapper().createObjectNode();
    try {
      Object value = heartbeatingChecked(() -> target.call(tool,
          ToolArguments.parse(tool, call.path("arguments").asText()), context));
      if (value == null) {
        out.putNull("value");
      } else {
        out.put("value", Json.text(value));
      }
    } catch (ToolArgumentException e) {
      out.put("argumentError", e.getMessage());
    } catch (ActivityCompletionException e) {
      throw e;
    } catch (InterruptedException e) {
      // The worker is shutting down: the call did not complete, so Temporal retries it elsewhere.
      throw ApplicationFailure.newFailure("tool call interrupted on the worker", "Interrupted");
    } catch (Exception e) {
      // The model sees a failed tool as an error result, as in a local run: not an activity failure.
      out.put("failed", e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    return out.toString();
  }

  @Override
  public String listTools(String workflowType, String toolset) {
    Registered r = runner(workflowType);
    Toolset source = r.orchestrator().toolset(toolset).orElseThrow(() -> ApplicationFailure
        .newNonRetryableFailure("runner " + workflowType + " has no toolset \"" + toolset + "\"",
            "NoToolset"));
    return Payloads.tools(source.tools());
  }

  /** Where a tool call goes on the worker: a generated invoker or a toolset. */
  @FunctionalInterface
  private interface Target {
    Object call(String tool, ToolArguments arguments, RunContext context) throws Exception;
  }

  private static Target target(String workflowType, Registered r, JsonNode call) {
    if (call.hasNonNull("toolset")) {
      String name = call.get("toolset").asText();
      Toolset toolset = r.orchestrator().toolset(name).orElseThrow(() -> ApplicationFailure
          .newNonRetryableFailure("runner " + workflowType + " has no toolset \"" + name + "\"",
              "NoToolset"));
      return toolset::call;
    }
    String owner = call.path("owner").asText();
    ToolInvoker invoker = r.orchestrator().toolInvoker(owner).orElseThrow(() -> ApplicationFailure
        .newNonRetryableFailure("runner " + workflowType + " has no tools of " + owner, "NoTool"));
    return invoker::invoke;
  }

  private static <T> T heartbeating(Callable<T> work) {
    try {
      return heartbeatingChecked(work);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw ApplicationFailure.newFailureWithCause(e.getClass().getSimpleName() + ": "
          + e.getMessage(), e.getClass().getName(), e);
    }
  }

  // Runs the work on a virtual thread and heartbeats until it ends; a heartbeat that learns of
  // cancellation (or of a lost activity) interrupts the work.
  private static <T> T heartbeatingChecked(Callable<T> work) throws Exception {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    Duration timeout = Optional.ofNullable(ctx.getInfo().getHeartbeatTimeout())
        .filter(d -> !d.isZero()).orElse(Duration.ofSeconds(10));
    long every = Math.max(50, timeout.toMillis() / 4);
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread worker = Thread.ofVirtual().name("baton-activity-" + ctx.getInfo().getActivityId())
        .start(() -> {
          try {
            result.complete(work.call());
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    try {
      while (true) {
        try {
          return result.get(every, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          ctx.heartbeat(null);
        }
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    } finally {
      if (worker.isAlive()) {
        worker.interrupt();
      }
      boolean interrupted = Thread.interrupted();
      while (worker.isAlive()) {
        try {
          worker.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The run context a tool sees on the worker: the run, its path and the runner's context objects. */
  private record ActivityRunContext(String runId, String path, List<Object> objects)
      implements RunContext {
    @Override
    public <T> T get(Class<T> type) {
      return find(type).orElseThrow(() -> new IllegalStateException("run " + runId + " has no"
          + " context object of type " + type.getName() + " (at " + path + "); give the runner"
          + " registered with the worker one with RunOptions.builder().context(...)"));
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
      for (Object o : objects) {
        if (type.isInstance(o)) {
          return Optional.of(type.cast(o));
        }
      }
      return Optional.empty();
    }
  }
}
