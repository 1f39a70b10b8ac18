package dev.baton.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * One agent system as read from its interface or abstract class: the input of validation and code
 * generation. Immutable.
 *
 * @param type the interface or abstract class
 * @param name the system's name (the type's simple name)
 * @param agents its agents, in declaration order
 * @param edges handoffs, delegates and code-agent calls, in declaration order (fan-out branches
 *     live in each agent's {@link ParallelModel})
 * @param toolClasses every tool class some agent lists, in first-use order
 */
public record SystemModel(
    TypeElement type,
    String name,
    List<AgentModel> agents,
    List<EdgeModel> edges,
    List<ToolClassModel> toolClasses) {

  /** Copies the lists. */
  public SystemModel {
    agents = List.copyOf(agents);
    edges = List.copyOf(edges);
    toolClasses = List.copyOf(toolClasses);
  }

  /** Whether the system is declared as an interface (not an abstract class). */
  public boolean isInterface() {
    return type.getKind().isInterface();
  }
}
