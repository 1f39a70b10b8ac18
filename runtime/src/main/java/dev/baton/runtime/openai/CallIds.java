package dev.baton.runtime.openai;

import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ToolCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * How the tool-call ids of one answer are told apart: from each other, and from the ids of calls
 * earlier in the conversation (some servers number calls per response, so {@code call_0} comes
 * back every turn). Ids made here carry a salt from the agent path and the conversation's length,
 * so they differ between turns and agents and are the same on every replay. Nothing is computed
 * for an answer without tool calls.
 *
 * @param request the request the answer is for
 */
record CallIds(ModelRequest request) {
  static CallIds of(ModelRequest request) {
    return new CallIds(request);
  }

  List<ToolCall> distinct(List<ToolCall> calls) {
    if (calls.isEmpty()) {
      return calls;
    }
    Set<String> earlier = new HashSet<>();
    for (Message m : request.messages()) {
      if (m instanceof AssistantMessage a) {
        a.toolCalls().forEach(c -> earlier.add(c.id()));
      }
    }
    return ToolCall.distinctIds(calls, salt(), earlier);
  }

  /** Eight hex digits of a digest of the agent path and the conversation's length. */
  private String salt() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(
          (request.path() + '\u0000' + request.messages().size()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      // Every JVM ships SHA-256.
      throw new AssertionError(e);
    }
  }
}
