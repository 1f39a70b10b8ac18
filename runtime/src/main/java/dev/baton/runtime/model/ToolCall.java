package dev.baton.runtime.model;

import java.util.Objects;

/**
 * One call the model asks for.
 *
 * @param id the call id, unique within the response (answered by a {@link ToolMessage}); it is
 *     also the id sent back to the server, and the key of the call's journal entry, events and
 *     approval. A model client keeps the server's id when it is unique within the response and
 *     derives a distinct one otherwise (see {@link #distinctIds(java.util.List)}).
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
   * The calls with ids told apart: a call whose id is empty or repeats an earlier call's in the
   * list gets a new one made from its position and its original id ({@code call_<n>}, or {@code
   * <id>~<n>} with {@code n} its 1-based position), so the same answer always gets the same ids.
   * Calls with unique ids keep them unchanged, since the server expects them back.
   *
   * @param calls the calls of one response, in order
   * @return the calls with distinct ids, in the same order
   */
  public static java.util.List<ToolCall> distinctIds(java.util.List<ToolCall> calls) {
    return distinctIds(calls, "");
  }

  /**
   * The calls with ids told apart, as {@link #distinctIds(java.util.List)} does, with a salt in
   * every id it makes ({@code call_<salt>_<n>}, {@code <id>~<salt>_<n>}), so that ids made for
   * different responses differ too.
   *
   * @param calls the calls of one response, in order
   * @param salt letters and digits that identify the response, e.g. a hash of the request; empty
   *     for none
   * @return the calls with distinct ids, in the same order
   */
  public static java.util.List<ToolCall> distinctIds(java.util.List<ToolCall> calls, String salt) {
    String prefix = salt == null || salt.isEmpty() ? "" : salt + "_";
    java.util.Map<String, Integer> uses = new java.util.HashMap<>();
    for (ToolCall c : calls) {
      uses.merge(c.id, 1, Integer::sum);
    }
    java.util.Set<String> taken = new java.util.HashSet<>(uses.keySet());
    java.util.List<ToolCall> out = new java.util.ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      ToolCall c = calls.get(i);
      if (!c.id.isEmpty() && uses.get(c.id) == 1) {
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
    return java.util.List.copyOf(out);
  }
}
