package dev.baton.graph;

/**
 * Draws an {@link AgentGraph} as a Mermaid flowchart. A label breaks its line with {@code <br>},
 * the break Mermaid's flowchart syntax documents; GitHub's renderer shows an escaped {@code \n} as
 * those two characters.
 */
final class MermaidWriter {
  private MermaidWriter() {}

  static String write(AgentGraph graph) {
    StringBuilder sb = new StringBuilder();
    sb.append("---\ntitle: ").append(graph.name()).append("\n---\n");
    sb.append("flowchart TD\n");
    for (AgentSpec a : graph.agents()) {
      String label = a.name() + "<br>" + switch (a.kind()) {
        case LLM -> a.forks() ? "LLM, aggregates" : "LLM";
        case CODE -> "code";
        case FAN_OUT -> "fan-out" + (a.parallel().timeout().isEmpty() ? "" : " " + a.parallel().timeout());
      };
      String shape = switch (a.kind()) {
        case LLM -> "[\"" + label + "\"]";
        case CODE -> "[[\"" + label + "\"]]";
        case FAN_OUT -> "{{\"" + label + "\"}}";
      };
      sb.append("  ").append(a.name()).append(shape).append('\n');
    }
    for (Edge e : graph.edges()) {
      String arrow = switch (e.kind()) {
        case HANDOFF -> " -->|handoff| ";
        case HANDOFF_BACK -> " <-->|handoff, back| ";
        case DELEGATE -> " -.->|delegate| ";
        case BRANCH -> " ==>|branch| ";
        case CALL -> " -->|calls| ";
      };
      sb.append("  ").append(e.from()).append(arrow).append(e.to()).append('\n');
    }
    return sb.toString();
  }
}
