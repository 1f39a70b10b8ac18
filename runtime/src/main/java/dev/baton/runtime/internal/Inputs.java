package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.graph.AgentSpec;
import dev.baton.graph.Input;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders an agent's arguments as the user message its model sees. */
final class Inputs {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_$][A-Za-z0-9_$]*)}");

  private Inputs() {}

  /**
   * The prompt template filled from the arguments; else a single {@code String} argument as is;
   * else the arguments as a JSON object by parameter name.
   */
  static String render(AgentSpec agent, Object[] args) {
    List<Input> inputs = agent.inputs();
    if (!agent.prompt().isEmpty()) {
      Matcher m = PLACEHOLDER.matcher(agent.prompt());
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        int i = indexOf(inputs, m.group(1));
        String value = i < 0 ? m.group() : args[i] == null ? "null" : Json.text(args[i]);
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      return sb.toString();
    }
    if (inputs.size() == 1 && args[0] instanceof String s) {
      return s;
    }
    if (inputs.isEmpty()) {
      return "Begin.";
    }
    ObjectNode o = Json.mapper().createObjectNode();
    for (int i = 0; i < inputs.size(); i++) {
      o.set(inputs.get(i).name(), Json.toTree(args[i]));
    }
    return o.toString();
  }

  /** The outcomes of a fork, as the aggregating agent reads them after its input. */
  static String outcomes(Results<?> results) {
    StringBuilder sb = new StringBuilder("Results of the parallel agents:");
    for (Outcome<?> o : results) {
      sb.append("\n\n## ").append(o.agent()).append(' ');
      switch (o) {
        case Outcome.Success<?> s -> sb.append("(succeeded)\n").append(Json.text(s.value()));
        case Outcome.Failed<?> f -> sb.append("(failed)\n").append(Engine.describe(f.error()));
        case Outcome.TimedOut<?> t -> sb.append("(timed out after ")
            .append(dev.baton.Durations.format(t.after())).append(", no result)");
      }
    }
    return sb.toString();
  }

  private static int indexOf(List<Input> inputs, String name) {
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
