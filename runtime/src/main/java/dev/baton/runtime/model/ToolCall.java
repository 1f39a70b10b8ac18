package dev.baton.runtime.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One call the model asks for.
 *
 * @param id the call id, unique within the response (answered by a {@link ToolMessage}); it is
 *     also the id sent back to the server, and the key of the call's journal entry, events and
 *     approval. A model client keeps the server's id when it is unique and derives a distinct one
 *     otherwise (see {@link #distinctIds(List, String, Set)}).
 * @param name the tool name
 * @param arguments the arguments as a JSON object text; a blank value becomes {@code {}}
 * @param providerFields fields the server attached to the call beyond {@code id}, {@code type}
 *     and {@code function}, as a JSON object text kept verbatim and sent back with the call (e.g.
 *     Gemini's {@code extra_content.google.thought_signature}); empty for none
 */
public record ToolCall(String id, String name, String arguments, String providerFields) {
  /** Checks the components. */
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
    providerFields = providerFields == null ? "" : providerFields;
  }

  /**
   * A call without provider fields.
   *
   * @param id the call id
   * @param name the tool name
   * @param arguments the arguments as a JSON object text
   */
  public ToolCall(String id, String name, String arguments) {
    this(id, name, arguments, "");
  }

  /**
   * The calls with ids told apart; see {@link #distinctIds(List, String, Set)}, without a salt or
   * reserved ids.
   *
   * @param calls the calls of one response, in order
   * @return the calls with distinct ids, in the same order
   */
  public static List<ToolCall> distinctIds(List<ToolCall> calls) {
    return distinctIds(calls, "", Set.of());
  }

  /**
   * The calls with ids told apart. A call keeps its id when no other call of the list and no
   * reserved id has it, since the server expects it back. A call whose id is empty, repeats
   * another's in the list, or is reserved gets a new one made from its position ({@code n},
   * 1-based), the salt and its original id: {@code call_<salt>_<n>} or {@code <id>~<salt>_<n>}.
   * The same calls, salt and reserved ids always give the same ids, so a replay is identical.
   *
   * @param calls the calls of one response, in order
   * @param salt letters and digits that identify the response (e.g. a hash of the request), so
   *     that ids made for different responses differ; empty for none
   * @param reserved ids that must not be used, e.g. those of earlier calls in the conversation
   * @return the calls with distinct ids, in the same order
   */
  public static List<ToolCall> distinctIds(List<ToolCall> calls, String salt, Set<String> reserved) {
    if (calls.isEmpty()) {
      return List.of();
    }
    String prefix = salt == null || salt.isEmpty() ? "" : salt + "_";
    Map<String, Integer> uses = new HashMap<>();
    for (ToolCall c : calls) {
      uses.merge(c.id, 1, Integer::sum);
    }
    Set<String> taken = new HashSet<>(reserved);
    taken.addAll(uses.keySet());
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      ToolCall c = calls.get(i);
      if (!c.id.isEmpty() && uses.get(c.id) == 1 && !reserved.contains(c.id)) {
        out.add(c);
        continue;
      }
      String base = (c.id.isEmpty() ? "call_" : c.id + "~") + prefix + (i + 1);
      String id = base;
      for (int n = 2; !taken.add(id); n++) {
        id = base + "_" + n;
      }
      out.add(new ToolCall(id, c.name, c.arguments, c.providerFields));
    }
    return List.copyOf(out);
  }
}
