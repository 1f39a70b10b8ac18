package com.acme;

import dev.baton.Agent;
import dev.baton.History;

/** Research, write, edit: a sequence in a code agent. */
public interface Newsroom {
  @Agent
  default String newsroom(String topic) {
    String notes = research(topic);
    String draft = write(topic, notes);
    return edit(draft);
  }

  @Agent(instructions = "Research the topic; list facts.", history = History.NONE)
  String research(String topic);

  @Agent(instructions = "Write an article.", prompt = "Write about {topic} using:\n{notes}")
  String write(String topic, String notes);

  @Agent(instructions = "Edit for clarity.", model = "gpt-4.1-mini", maxTurns = 3)
  String edit(String draft);
}
