package dev.baton.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.internal.Json;
import dev.baton.runtime.internal.StoredRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Everything needed to continue a run: its journal, its entry agent and arguments, the tool calls
 * waiting for approval and the decisions taken on them. Immutable; {@link #approve(String)} and
 * {@link #reject(String, String)} return new states. Serializes to JSON with {@link #toJson()}, so
 * a run can pause for a human and continue in another process.
 *
 * <pre>{@code
 * RunState state = e.state();                       // from ApprovalRequiredException
 * Files.writeString(path, state.toJson());
 * ...
 * RunState later = RunState.fromJson(Files.readString(path)).approve(callId);
 * Object result = runner.resume(later).await();
 * }</pre>
 */
public final class RunState {
  /** The version of the JSON format written by {@link #toJson()}. */
  public static final int FORMAT_VERSION = 1;

  private final String runId;
  private final String graph;
  private final String entryAgent;
  private final String entryArguments;
  private final List<JournalEntry> journal;
  private final List<PendingApproval> approvals;
  private final Map<String, Decision> decisions;

  /**
   * A decision on a pending approval.
   *
   * @param approved whether the call may run
   * @param reason why it was rejected (the model sees it); empty when approved
   */
  public record Decision(boolean approved, String reason) {
    /** Checks the reason. */
    public Decision {
      reason = reason == null ? "" : reason;
    }
  }

  /**
   * Creates a state. Runs create states; use this to restore one from storage.
   *
   * @param runId the run's id
   * @param graph the graph's name
   * @param entryAgent the entry agent's name
   * @param entryArguments the entry arguments as a JSON array text
   * @param journal the journal in the order recorded
   * @param approvals the calls waiting for approval
   * @param decisions the decisions taken, by call id
   */
  public RunState(String runId, String graph, String entryAgent, String entryArguments,
      List<JournalEntry> journal, List<PendingApproval> approvals, Map<String, Decision> decisions) {
    this.runId = Objects.requireNonNull(runId, "runId");
    this.graph = Objects.requireNonNull(graph, "graph");
    this.entryAgent = entryAgent == null ? "" : entryAgent;
    this.entryArguments = entryArguments == null ? "[]" : entryArguments;
    this.journal = List.copyOf(journal);
    this.approvals = List.copyOf(approvals);
    this.decisions = Map.copyOf(decisions);
  }

  /** The run's id; a resumed run keeps it. */
  public String runId() {
    return runId;
  }

  /** The name of the graph the run belongs to. */
  public String graph() {
    return graph;
  }

  /** The entry agent's name; empty if the run ended before calling any agent. */
  public String entryAgent() {
    return entryAgent;
  }

  /** The entry arguments as a JSON array text. */
  public String entryArguments() {
    return entryArguments;
  }

  /** The journal, in the order recorded. */
  public List<JournalEntry> journal() {
    return journal;
  }

  /** The tool calls waiting for approval. */
  public List<PendingApproval> approvals() {
    return approvals;
  }

  /** The decisions taken, by call id. */
  public Map<String, Decision> decisions() {
    return decisions;
  }

  /**
   * Approves a pending tool call: on resume it runs.
   *
   * @param callId the call's id
   * @return the new state
   * @throws NoSuchElementException listing the pending calls, if none has that id
   */
  public RunState approve(String callId) {
    return decide(callId, new Decision(true, ""));
  }

  /**
   * Rejects a pending tool call: on resume the model sees {@code reason} as the tool's error result.
   *
   * @param callId the call's id
   * @param reason why, for the model
   * @return the new state
   * @throws NoSuchElementException listing the pending calls, if none has that id
   */
  public RunState reject(String callId, String reason) {
    return decide(callId, new Decision(false, Objects.requireNonNull(reason, "reason")));
  }

  private RunState decide(String callId, Decision decision) {
    boolean pending = approvals.stream().anyMatch(a -> a.callId().equals(callId));
    if (!pending) {
      throw new NoSuchElementException("no pending approval with call id \"" + callId + "\"; pending: "
          + approvals.stream().map(a -> a.callId() + " (" + a.tool() + ")").toList());
    }
    Map<String, Decision> d = new LinkedHashMap<>(decisions);
    d.put(callId, decision);
    List<PendingApproval> left = approvals.stream().filter(a -> !a.callId().equals(callId)).toList();
    return new RunState(runId, graph, entryAgent, entryArguments, journal, left, d);
  }

  /** The state as a JSON document carrying {@link #FORMAT_VERSION}. */
  public String toJson() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("format", "baton-run-state");
    root.put("version", FORMAT_VERSION);
    root.put("runId", runId);
    root.put("graph", graph);
    ObjectNode entry = root.putObject("entry");
    entry.put("agent", entryAgent);
    entry.set("arguments", Json.tree(entryArguments));
    ArrayNode j = root.putArray("journal");
    for (JournalEntry e : journal) {
      j.addObject().put("key", e.key()).set("value", Json.tree(e.value()));
    }
    ArrayNode a = root.putArray("approvals");
    for (PendingApproval p : approvals) {
      a.addObject().put("callId", p.callId()).put("tool", p.tool()).put("arguments", p.arguments())
          .put("path", p.path());
    }
    ObjectNode d = root.putObject("decisions");
    decisions.forEach((id, dec) -> d.putObject(id).put("approved", dec.approved())
        .put("reason", dec.reason()));
    return root.toPrettyString();
  }

  /**
   * Reads a state written by {@link #toJson()}.
   *
   * @param json the document
   * @return the state
   * @throws IllegalArgumentException saying what is wrong, if the document is not a run state, has
   *     an unknown version, or is corrupt
   */
  public static RunState fromJson(String json) {
    JsonNode root;
    try {
      root = Json.tree(Objects.requireNonNull(json, "json"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("run state is not valid JSON: " + e.getMessage(), e);
    }
    if (!"baton-run-state".equals(root.path("format").asText())) {
      throw new IllegalArgumentException("document is not a Baton run state (no \"format\":"
          + " \"baton-run-state\")");
    }
    int version = root.path("version").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("run state has format version " + version
          + "; this Baton reads version " + FORMAT_VERSION);
    }
    try {
      List<JournalEntry> journal = new ArrayList<>();
      for (JsonNode e : required(root, "journal")) {
        journal.add(new JournalEntry(text(e, "key"), required(e, "value").toString()));
      }
      List<PendingApproval> approvals = new ArrayList<>();
      for (JsonNode p : required(root, "approvals")) {
        approvals.add(new PendingApproval(text(p, "callId"), text(p, "tool"), text(p, "arguments"),
            text(p, "path")));
      }
      Map<String, Decision> decisions = new LinkedHashMap<>();
      required(root, "decisions").properties().forEach(f -> decisions.put(f.getKey(),
          new Decision(f.getValue().path("approved").asBoolean(), f.getValue().path("reason").asText())));
      JsonNode entry = required(root, "entry");
      return new RunState(text(root, "runId"), text(root, "graph"), text(entry, "agent"),
          required(entry, "arguments").toString(), journal, approvals, decisions);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("run state is corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * Rebuilds the state of a run from the journal it wrote to a store (see {@link
   * RunOptions.Builder#journalStore(JournalStore)}): its steps, entry, the tool calls waiting for
   * approval and the decisions already taken. Works whether the run paused, failed, was cancelled,
   * or its process died mid-step; {@code resume} then runs every step the store does not hold.
   *
   * @param store the store the run wrote to
   * @param runId the run's id
   * @return the state
   * @throws IllegalArgumentException if the store holds no journal for the run, or a corrupt one
   */
  public static RunState fromStore(JournalStore store, String runId) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(runId, "runId");
    List<JournalEntry> stored = store.load(runId);
    if (stored.isEmpty()) {
      throw new IllegalArgumentException("no journal of run " + runId + " in " + store
          + "; stored runs: " + store.runIds());
    }
    StoredRecords.Folded f = StoredRecords.fold(runId, stored);
    return new RunState(runId, f.graph(), f.entryAgent(), f.entryArguments(), f.journal(),
        f.approvals(), f.decisions());
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing");
    }
    return v;
  }

  private static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }

  @Override
  public String toString() {
    return "RunState[" + runId + " of " + graph + ", entry " + entryAgent + ", " + journal.size()
        + " journal entries, " + approvals.size() + " pending approvals]";
  }
}
