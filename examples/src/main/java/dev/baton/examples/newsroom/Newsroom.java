package dev.baton.examples.newsroom;

import dev.baton.Agent;
import dev.baton.History;

/** A newsroom: research, write, edit, as plain Java in a code agent. */
public interface Newsroom {
  /**
   * The desk: a sequence of three agents. Each call goes through the runner, so it is traced and
   * journaled, and its input and output join the desk's conversation. The desk passes each output on
   * as the next agent's argument, so the agents do not also read the conversation ({@code history =
   * NONE}): otherwise the writer would get the notes twice and the editor the draft twice.
   *
   * @param topic what to write about
   * @return the edited article
   */
  @Agent
  default String newsroom(String topic) {
    String notes = research(topic);
    String draft = write(topic, notes);
    return edit(draft);
  }

  /**
   * Lists facts on a topic.
   *
   * @param topic the topic
   * @return the facts, one a line
   */
  @Agent(instructions = "Research the topic. List five checkable facts, one a line.",
      history = History.NONE)
  String research(String topic);

  /**
   * Drafts the article.
   *
   * @param topic the topic
   * @param notes the researcher's facts
   * @return the draft
   */
  @Agent(instructions = "Write a three-sentence news item. Use only the facts given.",
      prompt = "Write about {topic} using these facts:\n{notes}", history = History.NONE)
  String write(String topic, String notes);

  /**
   * Edits the draft.
   *
   * @param draft the draft
   * @return the article
   */
  @Agent(instructions = "Edit for clarity and house style: active voice, no adjectives in headlines.",
      maxTurns = 3, history = History.NONE)
  String edit(String draft);
}
