package com.acme;

import dev.baton.BatonGenerated;
import dev.baton.graph.ToolSpec;
import dev.baton.runtime.RunContext;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.ToolInvoker;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Calls the {@code @Tool} methods of {@link BillingTools}, without reflection.
 */
@Generated("dev.baton.processor.BatonProcessor")
@BatonGenerated
public final class BillingToolsTools implements ToolInvoker {
  /**
   * The tools of {@link BillingTools}, with the JSON Schemas of their arguments.
   */
  public static final List<ToolSpec> SPECS = List.of(
      new ToolSpec("refund", "Refunds an order in full.",
          "{\"type\":\"object\",\"properties\":{\"orderId\":{\"description\":\"the order to refund\",\"type\":\"string\"},\"cents\":{\"description\":\"the amount, in cents\",\"type\":\"integer\"}},\"required\":[\"orderId\",\"cents\"],\"additionalProperties\":false}",
          false, "com.acme.BillingTools"));

  private final BillingTools tools;

  /**
   * @param tools the instance whose tools are called
   */
  public BillingToolsTools(BillingTools tools) {
    this.tools = Objects.requireNonNull(tools, "tools");
  }

  @Override
  public Object invoke(String tool, ToolArguments arguments, RunContext context) throws Exception {
    switch (tool) {
      case "refund" -> {
        String orderId = arguments.get("orderId", String.class);
        int cents = arguments.get("cents", int.class);
        return tools.refund(orderId, cents);
      }
      default -> throw new IllegalArgumentException("no tool \"" + tool + "\" in BillingTools");
    }
  }
}
