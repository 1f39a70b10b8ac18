package dev.baton.spring.desk;

import dev.baton.Agent;

/** A one-agent system whose tool is a Spring bean with an injected repository. */
public interface Desk {
  @Agent(instructions = "You answer questions about orders.", tools = OrderTools.class)
  String answer(String question);
}
