package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records a run writes to a {@link JournalStore} besides its steps (run header, pending
 * approvals, decisions), and how a stored journal folds back into the parts of a {@link RunState}.
 */
public final class StoredRecords {
  private StoredRecords() {}

  /** The parts of a run state read from a store. */
  public record Folded(String graph, String entryAgent, String entryArguments,
      List<JournalEntry> journal, List<PendingApproval> approvals,
      Map<String, RunState.Decision> decisions, Map<String, String> fingerprint) {}

  static JournalEntry header(String graph, String entryAgent, String entryArguments,
      Map<String, String> fingerprint) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("graph", graph).put("agent", entryAgent).set("arguments", JournalJson.read(entryArguments));
    ObjectNode f = n.putObject("graphFingerprint");
    new java.util.TreeMap<>(fingerprint).forEach(f::put);
    return new JournalEntry(JournalStore.RUN_KEY, JournalJson.write(n));
  }

  static JournalEntry approval(PendingApproval a) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("callId", a.callId()).put("tool", a.tool()).put("arguments", a.arguments())
        .put("path", a.path());
    return new JournalEntry(JournalStore.APPROVAL_KEY, JournalJson.write(n));
  }

  static JournalEntry decision(String callId, RunState.Decision d) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("callId", callId).put("approved", d.approved()).put("reason", d.reason());
    return new JournalEntry(JournalStore.DECISION_KEY, JournalJson.write(n));
  }

  static JournalEntry end(String status, String error) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("status", status);
    if (error != null) {
      n.put("error", error);
    }
    return new JournalEntry(JournalStore.END_KEY, JournalJson.write(n));
  }

  /** The end record in a stored journal, or null if the run has not ended for good. */
  static JsonNode endOf(List<JournalEntry> stored) {
    for (int i = stored.size() - 1; i >= 0; i--) {
      if (stored.get(i).key().equals(JournalStore.END_KEY)) {
        return JournalJson.read(stored.get(i).value());
      }
    }
    return null;
  }

  /**
   * Folds a stored journal: steps in order (the first of a repeated key wins, as in a run),
   * approvals requested and not decided, and decisions.
   *
   * @throws IllegalArgumentException if the journal has no run header or a record is malformed
   */
  public static Folded fold(String runId, List<JournalEntry> stored) {
    JsonNode header = null;
    List<JournalEntry> steps = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    Map<String, PendingApproval> requested = new LinkedHashMap<>();
    Map<String, RunState.Decision> decisions = new LinkedHashMap<>();
    for (JournalEntry e : stored) {
      switch (e.key()) {
        case JournalStore.RUN_KEY -> header = header == null ? JournalJson.read(e.value()) : header;
        case JournalStore.APPROVAL_KEY -> {
          JsonNode n = JournalJson.read(e.value());
          String callId = text(n, "callId", e);
          requested.put(callId, new PendingApproval(callId, text(n, "tool", e),
              text(n, "arguments", e), text(n, "path", e)));
        }
        case JournalStore.END_KEY -> { }
        case JournalStore.DECISION_KEY -> {
          JsonNode n = JournalJson.read(e.value());
          decisions.put(text(n, "callId", e), new RunState.Decision(n.path("approved").asBoolean(),
              n.path("reason").asText()));
        }
        default -> {
          if (keys.add(e.key())) {
            steps.add(e);
          }
        }
      }
    }
    if (header == null) {
      throw new IllegalArgumentException("journal of run " + runId + " has no " + JournalStore.RUN_KEY
          + " record: the run never reached its entry agent, or the journal is not a Baton run's");
    }
    List<PendingApproval> pending = requested.values().stream()
        .filter(a -> !decisions.containsKey(a.callId())).toList();
    JsonNode arguments = header.get("arguments");
    Map<String, String> fingerprint = new LinkedHashMap<>();
    JsonNode f = header.get("graphFingerprint");
    if (f != null && f.isObject()) {
      f.properties().forEach(p -> fingerprint.put(p.getKey(), p.getValue().asText()));
    }
    return new Folded(header.path("graph").asText(), header.path("agent").asText(),
        arguments == null ? "[]" : JournalJson.write(arguments), steps, pending, decisions,
        fingerprint);
  }

  /**
   * The decisions in a stored journal, by call id; adds every key seen to {@code keys} unless it is
   * null.
   */
  static Map<String, RunState.Decision> decisions(List<JournalEntry> stored, Set<String> keys) {
    Map<String, RunState.Decision> out = new LinkedHashMap<>();
    for (JournalEntry e : stored) {
      if (keys != null) {
        keys.add(e.key());
      }
      if (e.key().equals(JournalStore.DECISION_KEY)) {
        JsonNode n = JournalJson.read(e.value());
        out.put(text(n, "callId", e), new RunState.Decision(n.path("approved").asBoolean(),
            n.path("reason").asText()));
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field, JournalEntry e) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(e.key() + " record lacks \"" + field + "\": " + e.value());
    }
    return v.asText();
  }
}
