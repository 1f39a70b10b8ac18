package dev.baton.mcp;

import dev.baton.Agent;
import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.Orchestrator;
import dev.baton.runtime.Run;
import dev.baton.runtime.ToolArguments;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/** Starts a run of one agent from JSON arguments, for a generated runner or an orchestrator. */
interface AgentStarter {
  /**
   * Starts a run.
   *
   * @param agent the agent's name
   * @param argumentsJson a JSON object of its arguments by parameter name
   * @return the run
   * @throws IllegalArgumentException if the arguments do not fit the agent's parameters
   */
  Run<Object> start(String agent, String argumentsJson);

  static AgentStarter of(Orchestrator orchestrator) {
    return orchestrator::startJson;
  }

  /**
   * Calls the agent's method of the runner's interface (found once, by its {@code @Agent} name), so
   * code agents run their Java bodies as in any other call.
   */
  @SuppressWarnings("unchecked")
  static AgentStarter of(AgentRunner<?> runner) {
    Map<String, Method> methods = new HashMap<>();
    for (Class<?> type : runner.getClass().getInterfaces()) {
      for (Method m : type.getMethods()) {
        Agent a = m.getAnnotation(Agent.class);
        if (a != null) {
          methods.putIfAbsent(a.name().isEmpty() ? m.getName() : a.name(), m);
        }
      }
    }
    AgentRunner<Object> typed = (AgentRunner<Object>) runner;
    return (agent, json) -> {
      Method m = methods.get(agent);
      if (m == null) {
        throw new IllegalArgumentException("no agent \"" + agent + "\" in " + runner.graph().name());
      }
      ToolArguments arguments = ToolArguments.parse(agent, json);
      var inputs = runner.graph().agent(agent).inputs();
      Type[] types = m.getGenericParameterTypes();
      Object[] args = new Object[types.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = arguments.get(inputs.get(i).name(), types[i]);
      }
      return typed.start(system -> {
        try {
          return m.invoke(system, args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot call " + m, e);
        }
      });
    };
  }
}
