package dev.baton.runtime.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one {@link ModelResponse} from the {@code chat.completion.chunk} payloads of a stream:
 * forwards text deltas to the listener as they come, and joins tool-call deltas by their {@code
 * index} into complete calls. Used by one thread; not thread-safe.
 */
final class StreamAssembler {
  private final ModelListener listener;
  private final SecretScrubber scrubber;
  private final StringBuilder text = new StringBuilder();
  private final List<PartialCall> calls = new ArrayList<>();
  /** The call each wire index currently fills. */
  private final Map<Integer, PartialCall> callsByIndex = new HashMap<>();
  private Usage usage = Usage.NONE;
  private String finishReason = "";
  private String id = "";
  private String model = "";
  private boolean delivered;
  private boolean sawChoice;

  StreamAssembler(ModelListener listener, SecretScrubber scrubber) {
    this.listener = listener;
    this.scrubber = scrubber;
  }

  /** Whether any text has reached the listener, after which the answer cannot be retried. */
  boolean delivered() {
    return delivered;
  }

  /**
   * Takes one event's data.
   *
   * @param data the JSON of one chunk
   * @throws UnreadableResponseException if the chunk is not JSON or reports an error
   */
  void accept(String data) throws UnreadableResponseException {
    JsonNode chunk = WireJson.readObject(data, "stream chunk", scrubber);
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      throw new UnreadableResponseException(
          "stream reported an error: " + ServerErrorMessage.of(error.toString(), scrubber));
    }
    // Every chunk repeats the response's id and model; the first that names them is kept.
    if (id.isEmpty()) {
      id = ToolCallWire.text(chunk, "id");
    }
    if (model.isEmpty()) {
      model = ToolCallWire.text(chunk, "model");
    }
    JsonNode wireUsage = chunk.get("usage");
    if (wireUsage != null && wireUsage.isObject()) {
      usage = ChatResponseDecoder.usage(wireUsage);
    }
    JsonNode choices = chunk.get("choices");
    if (choices == null || !choices.isArray()) {
      return;
    }
    for (JsonNode choice : choices) {
      // Baton asks for one choice; a server that sends more gets its first one used.
      if (choice.path("index").asInt(0) != 0) {
        continue;
      }
      sawChoice = true;
      String reason = ToolCallWire.text(choice, "finish_reason");
      if (!reason.isEmpty()) {
        finishReason = reason;
      }
      JsonNode delta = choice.get("delta");
      if (delta == null || !delta.isObject()) {
        // A few servers put a whole message in the last chunk instead of a delta.
        delta = choice.get("message");
      }
      if (delta == null || !delta.isObject()) {
        continue;
      }
      String content = ChatResponseDecoder.content(delta.get("content"));
      if (!content.isEmpty()) {
        text.append(content);
        delivered = true;
        listener.onTextDelta(content);
      }
      JsonNode toolCalls = delta.get("tool_calls");
      if (toolCalls != null && toolCalls.isArray()) {
        for (JsonNode toolCall : toolCalls) {
          acceptToolCall(toolCall);
        }
      }
    }
  }

  private void acceptToolCall(JsonNode wire) {
    String id = ToolCallWire.text(wire, "id");
    JsonNode function = wire.get("function");
    String name = ToolCallWire.text(function, "name");
    JsonNode arguments = function == null ? null : function.get("arguments");

    Integer index = wire.hasNonNull("index") ? wire.get("index").asInt() : null;
    PartialCall call = index != null
        ? callsByIndex.get(index)
        : calls.isEmpty() ? null : calls.get(calls.size() - 1);
    // A new id where a call is under way starts another call: servers that omit the index, or
    // reuse index 0 for every call, still separate calls this way.
    if (call == null || (!id.isEmpty() && !call.id.isEmpty() && !id.equals(call.id))) {
      call = new PartialCall();
      calls.add(call);
      if (index != null) {
        callsByIndex.put(index, call);
      }
    }
    if (call.id.isEmpty()) {
      call.id = id;
    }
    if (call.name.isEmpty()) {
      call.name = name;
    }
    if (arguments != null && arguments.isTextual()) {
      call.arguments.append(arguments.asText());
    } else if (arguments != null && !arguments.isNull()) {
      // An object is a complete argument set, not a fragment.
      call.arguments.setLength(0);
      call.arguments.append(arguments);
    }
  }

  /**
   * The assembled response, once the stream said {@code [DONE]}.
   *
   * @throws UnreadableResponseException if no chunk had a choice, or a tool call never got a
   *     name
   */
  ModelResponse finish() throws UnreadableResponseException {
    if (!sawChoice) {
      throw new UnreadableResponseException("stream had no choices before [DONE]");
    }
    List<ToolCall> complete = new ArrayList<>(calls.size());
    for (PartialCall call : calls) {
      if (call.name.isEmpty()) {
        throw new UnreadableResponseException(
            "stream has a tool call without a function name (id \""
                + scrubber.scrub(call.id) + "\")");
      }
      String arguments = call.arguments.toString();
      complete.add(new ToolCall(
          ToolCallWire.idOrSynthesized(call.id, complete.size(), call.name, arguments),
          call.name,
          arguments));
    }
    return new ModelResponse(text.toString(), complete, usage, finishReason, id, model);
  }

  /** A tool call whose deltas are still arriving. */
  private static final class PartialCall {
    String id = "";
    String name = "";
    final StringBuilder arguments = new StringBuilder();
  }
}
