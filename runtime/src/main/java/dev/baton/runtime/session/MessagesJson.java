package dev.baton.runtime.session;

import dev.baton.runtime.internal.ConversationJson;
import dev.baton.runtime.model.Message;
import java.util.List;

/**
 * The JSON form in which stores keep an exchange's messages: an array of objects with {@code role}
 * ({@code system}, {@code user}, {@code assistant}, {@code tool}, as in Chat Completions) and the
 * message's fields ({@code text}; {@code toolCalls} on an assistant message that made some; {@code
 * callId}, {@code tool}, {@code content}, {@code error} on a tool message). The same form the run
 * journal uses for conversation messages.
 */
public final class MessagesJson {
  private MessagesJson() {}

  /**
   * Writes messages as a JSON array.
   *
   * @param messages the messages
   * @return JSON text
   */
  public static String write(List<Message> messages) {
    return ConversationJson.write(messages).toString();
  }

  /**
   * Reads messages written by {@link #write(List)}.
   *
   * @param json JSON text
   * @return the messages
   * @throws IllegalArgumentException if the text is not such an array, saying what is wrong
   */
  public static List<Message> read(String json) {
    return ConversationJson.read(json);
  }
}
