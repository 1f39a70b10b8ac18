package dev.baton.runtime.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * forwards text deltas to the listener as they come (scrubbed of secrets, holding back text that
 * may be the start of one), and joins tool-call deltas by their {@code index} into complete calls.
 * Refusal deltas are joined like text; provider fields of deltas are kept, string values joined
 * like text (e.g. {@code reasoning_content}), other values replaced by the latest. Used by one
 * thread; not thread-safe.
 */
final class StreamAssembler {
  private final DeltaScrubber listener;
  private final SecretScrubber scrubber;
  private final WireJson json;
  private final int maxAnswerChars;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder refusal = new StringBuilder();
  private final ObjectNode providerFields = WireJson.MAPPER.createObjectNode();
  private final List<PartialCall> calls = new ArrayList<>();
  /** The call each wire index currently fills. */
  private final Map<Integer, PartialCall> callsByIndex = new HashMap<>();
  private Usage usage = Usage.NONE;
  private String finishReason = "";
  private String id = "";
  private String model = "";
  private long size;
  private boolean sawChoice;

  StreamAssembler(ModelListener listener, SecretScrubber scrubber, WireJson json,
      int maxAnswerChars) {
    this.listener = new DeltaScrubber(listener, scrubber);
    this.scrubber = scrubber;
    this.json = json;
    this.maxAnswerChars = maxAnswerChars;
  }

  /** Whether any text has reached the listener, after which the answer cannot be retried. */
  boolean delivered() {
    return listener.delivered();
  }

  /** Whether a chunk carried a {@code finish_reason}: the answer is complete. */
  boolean finished() {
    return !finishReason.isEmpty();
  }

  /**
   * Takes one event's data.
   *
   * @param data the JSON of one chunk
   * @throws UnreadableResponseException if the chunk is not JSON, reports an error, or makes the
   *     answer longer than the limit
   */
  void accept(String data) throws UnreadableResponseException {
    JsonNode chunk = json.readObject(data, "stream chunk", scrubber);
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      throw ErrorObject.of(error, "stream", scrubber);
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
        grow(content.length());
        text.append(content);
        listener.onTextDelta(content);
      }
      String refused = ChatResponseDecoder.content(delta.get("refusal"));
      grow(refused.length());
      refusal.append(refused);
      acceptProviderFields(delta);
      JsonNode toolCalls = delta.get("tool_calls");
      if (toolCalls != null && toolCalls.isArray()) {
        for (JsonNode toolCall : toolCalls) {
          acceptToolCall(toolCall);
        }
      }
    }
  }

  /** Counts characters against the answer limit, so that no stream grows the heap without end. */
  private void grow(int chars) throws UnreadableResponseException {
    size += chars;
    if (size > maxAnswerChars) {
      throw UnreadableResponseException.tooLarge("the answer is longer than the limit of "
          + maxAnswerChars + " characters (OpenAiModel.Builder.maxAnswerChars)");
    }
  }

  private void acceptProviderFields(JsonNode delta) throws UnreadableResponseException {
    for (var field : delta.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (ToolCallWire.MESSAGE_FIELDS.contains(name) || value.isNull()) {
        continue;
      }
      JsonNode earlier = providerFields.get(name);
      if (value.isTextual() && earlier != null && earlier.isTextual()) {
        grow(value.asText().length());
        providerFields.put(name, earlier.asText() + value.asText());
      } else {
        grow(value.isTextual() ? value.asText().length() : 0);
        providerFields.set(name, value);
      }
    }
  }

  private void acceptToolCall(JsonNode wire) throws UnreadableResponseException {
    String id = ToolCallWire.text(wire, "id");
    JsonNode function = wire.get("function");
    String name = ToolCallWire.text(function, "name");
    JsonNode arguments = function == null ? null : function.get("arguments");

    Integer index = wire.hasNonNull("index") ? wire.get("index").asInt() : null;
    PartialCall call = index != null
        ? callsByIndex.get(index)
        : calls.isEmpty() ? null : calls.get(calls.size() - 1);
    // A new id, or another function's name, where a call is under way starts another call:
    // servers that omit the index, or reuse index 0 for every call, still separate calls this
    // way (a name repeated in every delta of one call is the same name, so it splits nothing).
    if (call == null || (!id.isEmpty() && !call.id.isEmpty() && !id.equals(call.id))
        || (!name.isEmpty() && !call.name.isEmpty() && !name.equals(call.name))) {
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
      grow(arguments.asText().length());
      call.arguments.append(arguments.asText());
    } else if (arguments != null && !arguments.isNull()) {
      // An object is a complete argument set, not a fragment.
      String whole = arguments.toString();
      grow(whole.length());
      call.arguments.setLength(0);
      call.arguments.append(whole);
    }
    String extra = ToolCallWire.callProviderFields(wire);
    if (!extra.isEmpty()) {
      ObjectNode merged = call.providerFields == null
          ? WireJson.MAPPER.createObjectNode() : call.providerFields;
      merged.setAll((ObjectNode) json.readObject(extra, "tool call", scrubber));
      call.providerFields = merged;
    }
  }

  /**
   * The assembled response, once the stream said {@code [DONE]} or ended after a finish reason.
   * Text already given to the listener is flushed first.
   *
   * @param ids tells the answer's tool-call ids apart
   * @throws UnreadableResponseException if no chunk had a choice, or a tool call never got a
   *     name
   */
  ModelResponse finish(CallIds ids) throws UnreadableResponseException {
    listener.flush();
    if (!sawChoice) {
      throw new UnreadableResponseException("stream had no choices before it ended");
    }
    List<ToolCall> complete = new ArrayList<>(calls.size());
    for (PartialCall call : calls) {
      if (call.name.isEmpty()) {
        throw new UnreadableResponseException(
            "stream has a tool call without a function name (id \""
                + scrubber.scrub(call.id) + "\")");
      }
      complete.add(new ToolCall(scrubber.scrub(call.id), scrubber.scrub(call.name),
          scrubber.scrub(ToolCallWire.arguments(call.arguments.toString())),
          call.providerFields == null ? "" : scrubber.scrub(call.providerFields.toString())));
    }
    return new ModelResponse(scrubber.scrub(text.toString()),
        ids.distinct(complete), usage, finishReason,
        scrubber.scrub(refusal.toString()),
        providerFields.isEmpty() ? "" : scrubber.scrub(providerFields.toString()),
        scrubber.scrub(id), scrubber.scrub(model));
  }

  /** A tool call whose deltas are still arriving. */
  private static final class PartialCall {
    String id = "";
    String name = "";
    ObjectNode providerFields;
    final StringBuilder arguments = new StringBuilder();
  }
}
