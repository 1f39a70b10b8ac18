package dev.baton.temporal.internal;

import dev.baton.Agent;
import dev.baton.Parallel;
import dev.baton.runtime.internal.Json;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;

/**
 * Agent calls on the client: a proxy of the user's interface that turns each agent method call
 * into an entry agent name and arguments. Agent names follow the processor: {@code @Agent(name)}
 * or the method name. Default methods without {@code @Agent} run as they are.
 */
public final class Calls {
  private Calls() {}

  /** Handles one agent call. */
  @FunctionalInterface
  public interface Handler {
    /**
     * @param agent the agent's name
     * @param method the interface method
     * @param args its arguments (never null)
     * @return the method's result
     */
    Object call(String agent, Method method, Object[] args);
  }

  /** A recorded call: the entry agent, its method and arguments. */
  public record Recorded(String agent, Method method, Object[] args) {}

  /** A proxy of {@code type} whose agent methods go to {@code handler}. */
  public static <T> T proxy(Class<T> type, Handler handler) {
    InvocationHandler h = (proxy, method, args) -> {
      Object[] a = args == null ? new Object[0] : args;
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "toString" -> "Temporal " + type.getSimpleName();
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == a[0];
          default -> throw new UnsupportedOperationException(method.getName());
        };
      }
      if (!isAgent(method)) {
        if (method.isDefault()) {
          return InvocationHandler.invokeDefault(proxy, method, a);
        }
        throw new UnsupportedOperationException(method + " is not an agent method");
      }
      return handler.call(agentName(method), method, a);
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }

  /**
   * Calls {@code call} on a recording proxy and returns the agent method it called.
   *
   * @throws IllegalArgumentException if it called none, or called a second one
   */
  public static <T> Recorded record(Class<T> type, Function<? super T, ?> call) {
    Recorded[] seen = new Recorded[1];
    T recorder = proxy(type, (agent, method, args) -> {
      if (seen[0] != null) {
        throw new IllegalArgumentException("a run on Temporal has one entry agent call; "
            + seen[0].agent() + " was called, then " + agent);
      }
      seen[0] = new Recorded(agent, method, args);
      return zero(method.getReturnType());
    });
    call.apply(recorder);
    if (seen[0] == null) {
      throw new IllegalArgumentException("the function passed to start(...) calls no agent method"
          + " of " + type.getSimpleName());
    }
    return seen[0];
  }

  /** The arguments as the JSON array a workflow takes. */
  public static String argumentsJson(Object[] args) {
    return Json.write(args);
  }

  private static boolean isAgent(Method m) {
    return m.isAnnotationPresent(Agent.class) || m.isAnnotationPresent(Parallel.class);
  }

  private static String agentName(Method m) {
    Agent a = m.getAnnotation(Agent.class);
    return a != null && !a.name().isEmpty() ? a.name() : m.getName();
  }

  private static Object zero(Class<?> t) {
    if (!t.isPrimitive() || t == void.class) {
      return null;
    }
    if (t == boolean.class) {
      return false;
    }
    if (t == char.class) {
      return '\0';
    }
    if (t == long.class) {
      return 0L;
    }
    if (t == double.class) {
      return 0.0;
    }
    if (t == float.class) {
      return 0.0f;
    }
    if (t == byte.class) {
      return (byte) 0;
    }
    if (t == short.class) {
      return (short) 0;
    }
    return 0;
  }
}
