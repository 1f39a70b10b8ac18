package dev.baton.runtime;

/**
 * Executes the tools of one tool class. The annotation processor generates one per class with
 * {@code @Tool} methods ({@code BillingToolsTools}): a switch over tool names that binds the
 * arguments and calls the method directly, without reflection.
 */
@FunctionalInterface
public interface ToolInvoker {
  /**
   * Calls one tool.
   *
   * @param tool the tool name
   * @param arguments the model's arguments
   * @param context the run's context, for {@code @Context} parameters
   * @return the result: a {@code String} is sent as is, anything else as JSON, {@code null} as
   *     {@code "ok"}
   * @throws Exception whatever the tool throws; the model sees the message as an error result
   */
  Object invoke(String tool, ToolArguments arguments, RunContext context) throws Exception;
}
