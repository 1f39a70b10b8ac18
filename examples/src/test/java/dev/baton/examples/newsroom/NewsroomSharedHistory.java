package dev.baton.examples.newsroom;

import dev.baton.Agent;
import dev.baton.History;

/**
 * {@link Newsroom} with the default {@code history = CONVERSATION} on the writer and the editor:
 * what the newsroom costs when each agent reads the desk's conversation as well as its arguments.
 */
public interface NewsroomSharedHistory {
  @Agent
  default String newsroom(String topic) {
    String notes = research(topic);
    String draft = write(topic, notes);
    return edit(draft);
  }

  @Agent(instructions = "Research the topic. List five checkable facts, one a line.",
      history = History.NONE)
  String research(String topic);

  @Agent(instructions = "Write a three-sentence news item. Use only the facts given.",
      prompt = "Write about {topic} using these facts:\n{notes}")
  String write(String topic, String notes);

  @Agent(instructions = "Edit for clarity and house style: active voice, no adjectives in headlines.",
      maxTurns = 3)
  String edit(String draft);
}
