package dev.baton.examples;

import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ToolMessage;
import dev.baton.runtime.model.UserMessage;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads what a scripted model was sent, so that offline scripts answer from the real conversation
 * (tool results, the user's input) instead of from canned text.
 */
public final class Transcripts {
  private Transcripts() {}

  /**
   * The result of the latest call of one tool in the request's conversation.
   *
   * @param request what the model was sent
   * @param tool the tool's name
   * @return the tool's result as the model sees it
   * @throws NoSuchElementException if the tool has not answered yet
   */
  public static String toolResult(ModelRequest request, String tool) {
    List<Message> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof ToolMessage t && t.toolName().equals(tool)) {
        return t.content();
      }
    }
    throw new NoSuchElementException("no result of " + tool + " in the request of " + request.path());
  }

  /**
   * The latest user message: the agent's input.
   *
   * @param request what the model was sent
   * @return its text
   */
  public static String input(ModelRequest request) {
    List<Message> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage u) {
        return u.text();
      }
    }
    throw new NoSuchElementException("no user message in the request of " + request.path());
  }
}
